/*
 * Runs before the app, as a classic script in ES5 (tests/build parses it at ES5), so it works
 * on every engine, also where the bundle cannot: never a blank screen.
 * - Below the floor (no ES modules, or the bundle does not parse): shows #too-old.
 * - An error while the app shows nothing, or window.__xzwCrash(error) from the app's error
 *   boundary: shows #crash with the number of records waiting to be sent, read from IndexedDB
 *   directly (the app's code may be what failed).
 * Not inline: the CSP allows scripts from 'self' only.
 */
(function () {
  'use strict';
  var d = document;
  var w = window;
  var TABLES = ['teams', 'workers', 'riskTypes', 'duties', 'hazards', 'weeklyScreenings', 'helpRecords', 'pairs', 'hardships', 'reports'];
  var shown = false;
  var lastError = null;

  function $(id) { return d.getElementById(id); }
  function reveal(id) {
    if (shown) return false;
    shown = true;
    $('app').hidden = true;
    $(id).hidden = false;
    return true;
  }

  function tooOld() {
    if (reveal('too-old')) $('too-old-url').textContent = location.href;
  }

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
    } catch (e) {
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
      try { ok = d.execCommand('copy'); } catch (e) { ok = false; }
      said(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { said(true); }, fallback);
    } else {
      fallback();
    }
  }

  function crash(err) {
    if (!reveal('crash')) return;
    $('crash-reload').onclick = function () { location.reload(); };
    $('crash-copy').onclick = function () { copy(diagnostics(err)); };
    countOutbox(function (n) {
      $('crash-outbox').textContent = n > 0 ? '有 ' + n + ' 条记录保存在这部手机上，正在等待发送，有信号时会自动发送。'
        : n === 0 ? '没有等待发送的记录。'
          : '暂时读不出等待发送的记录数，但记录仍然保存在这部手机上。';
    });
  }

  function failed(err) {
    lastError = err;
    // The bundle does not parse: this engine is below the floor.
    if (!w.__xzwStarted && err && err.name === 'SyntaxError') { tooOld(); return; }
    // An error the app survived leaves its screen; one that leaves the page blank does not.
    setTimeout(function () {
      if (!$('app').firstElementChild) crash(lastError);
    }, 1500);
  }

  w.__xzwCrash = crash;
  w.addEventListener('error', function (e) { failed(e.error || { message: e.message }); });
  w.addEventListener('unhandledrejection', function (e) { failed(e.reason); });
  if (!('noModule' in d.createElement('script'))) tooOld();
  w.addEventListener('load', function () {
    // The app never started (a chunk missing, or an engine that fails without an error event).
    setTimeout(function () {
      if (!w.__xzwStarted && !shown) failed(lastError || { message: '应用没有启动' });
    }, 3000);
    // Started but still shows nothing (e.g. IndexedDB refused to open and the app waits on it).
    setTimeout(function () {
      if (!$('app').firstElementChild) crash(lastError || { message: '页面空白：应用启动后没有显示任何内容' });
    }, 8000);
  });
}());
