/*
 * Runs before the app, classic ES5 on any engine (tests/build checks): never a blank screen.
 * Below the floor (no ES modules, or the bundle does not parse) it shows #too-old; on an error
 * that leaves the page blank, or from the app's error boundary (__xzwCrash), #crash, whose
 * details crash.js fills in. Not inline: the CSP allows scripts from 'self' only.
 */
(function () {
  var d = document;
  var w = window;
  var shown = false;
  var last;
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
  function crash(err) {
    if (!reveal('crash')) return;
    $('crash-reload').onclick = function () { location.reload(); };
    w.__xzwError = err;
    var s = d.createElement('script');
    s.src = '/crash.js';
    s.onerror = function () { $('crash-outbox').textContent = '暂时读不出等待发送的记录数，但记录仍然保存在这部手机上。'; };
    d.body.appendChild(s);
  }
  function failed(err) {
    last = err;
    // The bundle does not parse: this engine is below the floor.
    // (Some engines give the error event a message only.)
    if (!w.__xzwStarted && err && (err.name === 'SyntaxError' || /SyntaxError/.test(err.message))) return tooOld();
    // An error the app survived leaves its screen; one that leaves the page blank does not.
    setTimeout(function () { if (!$('app').firstElementChild) crash(last); }, 1500);
  }
  w.__xzwCrash = crash;
  w.addEventListener('error', function (e) { failed(e.error || { message: e.message }); });
  w.addEventListener('unhandledrejection', function (e) { failed(e.reason); });
  if (!('noModule' in d.createElement('script'))) tooOld();
  w.addEventListener('load', function () {
    // Never started (a chunk missing, or no error event), or started but still blank (e.g. IndexedDB never opened).
    setTimeout(function () { if (!w.__xzwStarted) failed(last || { message: '应用没有启动' }); }, 3000);
    setTimeout(function () { if (!$('app').firstElementChild) crash(last || { message: '页面空白：应用启动后没有显示任何内容' }); }, 8000);
  });
}());
