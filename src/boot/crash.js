/*
 * The details of the error screen, loaded by boot.js only when it shows #crash (so the first
 * load stays small): how many records wait to be sent, read from IndexedDB directly (the app's
 * own code may be what failed), and 复制诊断信息. Classic ES5 like boot.js (tests/build checks).
 */
(function () {
  'use strict';
  var d = document;
  var w = window;
  var TABLES = ['teams', 'workers', 'riskTypes', 'duties', 'hazards', 'weeklyScreenings', 'helpRecords', 'pairs', 'hardships', 'reports'];
  function $(id) { return d.getElementById(id); }

  /** Records waiting to be sent (dirty = 1), or -1 if they cannot be read. */
  function countOutbox(done) {
    var finished = false;
    function end(n) { if (!finished) { finished = true; done(n); } }
    setTimeout(function () { end(-1); }, 4000);
    try {
      var req = w.indexedDB.open('xiaozhengwei');
      // No database yet: create none (the app's own schema must make it), there is nothing to send.
      req.onupgradeneeded = function () { req.transaction.abort(); };
      req.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        end(req.error && req.error.name === 'AbortError' ? 0 : -1);
      };
      req.onsuccess = function () {
        var db = req.result;
        var names = [];
        var total = 0;
        for (var i = 0; i < TABLES.length; i++) if (db.objectStoreNames.contains(TABLES[i])) names.push(TABLES[i]);
        if (!names.length) { db.close(); end(0); return; }
        var left = names.length;
        var tx = db.transaction(names, 'readonly');
        tx.onabort = function () { db.close(); end(-1); };
        for (var j = 0; j < names.length; j++) {
          tx.objectStore(names[j]).index('dirty').count(w.IDBKeyRange.only(1)).onsuccess = function (e) {
            total += e.target.result;
            if (--left === 0) { db.close(); end(total); }
          };
        }
      };
    } catch (_e) {
      end(-1);
    }
  }

  function engine() {
    var ua = navigator.userAgent;
    var m = /(?:Chrome|CriOS|Chromium)\/(\d+)/.exec(ua) || /Version\/([\d.]+).*Safari/.exec(ua) || /AppleWebKit\/([\d.]+)/.exec(ua);
    return m ? m[0] : '未知';
  }

  function diagnostics(err) {
    var meta = d.querySelector('meta[name="app-version"]');
    var entry = d.querySelector('script[type="module"]');
    var e = err || {};
    return [
      '班组小政委 诊断信息',
      '版本：' + (meta ? meta.getAttribute('content') : '?') + (entry ? ' ' + entry.getAttribute('src') : ''),
      '时间：' + new Date().toISOString(),
      '页面：' + location.pathname + location.search,
      '引擎：' + engine(),
      '浏览器：' + navigator.userAgent,
      '错误：' + (e.name ? e.name + ': ' : '') + (e.message || String(err)),
      e.stack ? String(e.stack) : '',
    ].join('\n');
  }

  function copy(text) {
    var area = $('crash-diag');
    var note = $('crash-copied');
    area.value = text;
    function said(ok) {
      note.textContent = ok ? '诊断信息已复制，可以粘贴发给维护人员。' : '没能自动复制，请长按下面的文字复制。';
      note.hidden = false;
      if (!ok) area.hidden = false;
    }
    function fallback() {
      area.hidden = false;
      area.focus();
      area.select();
      var ok = false;
      try { ok = d.execCommand('copy'); } catch (_e) { ok = false; }
      said(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { said(true); }, fallback);
    } else {
      fallback();
    }
  }

  var err = w.__xzwError;
  $('crash-copy').onclick = function () { copy(diagnostics(err)); };
  countOutbox(function (n) {
    $('crash-outbox').textContent = n > 0 ? '有 ' + n + ' 条记录保存在这部手机上，正在等待发送，有信号时会自动发送。'
      : n === 0 ? '没有等待发送的记录。'
        : '暂时读不出等待发送的记录数，但记录仍然保存在这部手机上。';
  });
}());
