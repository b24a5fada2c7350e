/**
 * Finding elements the way the Playwright specs do (role + accessible name, label, test id, text),
 * run inside the page. Plain ES5 in a string: it must parse on every engine of the floor whatever
 * the test runner compiles to, and it is sent with each query so it survives navigations.
 */

/** A text to match: a string (substring, or whole when `exact`) or a regular expression. */
export type Text = string | { re: string; flags: string };
export const re = (r: RegExp): Text => ({ re: r.source, flags: r.flags });

export interface Query {
  role?: 'button' | 'link' | 'heading' | 'tab' | 'dialog' | 'group' | 'textbox' | 'checkbox';
  name?: Text;
  exact?: boolean;
  /** A form control by its label (label[for], a wrapping label, aria-label). */
  label?: Text;
  testid?: string;
  /** Elements whose own text matches (the innermost ones). */
  text?: Text;
  css?: string;
  /** Only elements whose text contains this (Playwright's filter({ hasText })). */
  hasText?: Text;
  within?: Query;
  /** Which match when several do; the first by default. */
  nth?: number;
}

export const DOM_QUERY_JS = String.raw`
function __xzwFind(q) {
  var ROLE_CSS = {
    button: 'button,input[type=button],input[type=submit],[role=button]',
    link: 'a[href],[role=link]',
    heading: 'h1,h2,h3,h4,h5,h6,[role=heading]',
    tab: '[role=tab]',
    dialog: 'dialog,[role=dialog]',
    group: 'fieldset,[role=group]',
    textbox: 'input:not([type]),input[type=text],input[type=number],input[type=tel],textarea,[role=textbox]',
    checkbox: 'input[type=checkbox],[role=checkbox]'
  };
  function norm(s) { return String(s || '').replace(/\s+/g, ' ').replace(/^ | $/g, ''); }
  function hidden(el) {
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (n.getAttribute('aria-hidden') === 'true' || n.hidden) return true;
      var st = getComputedStyle(n);
      if (st.display === 'none' || st.visibility === 'hidden') return true;
    }
    return false;
  }
  function textOf(node) {
    var out = '';
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue;
      else if (c.nodeType === 1 && !hidden(c)) {
        var l = c.getAttribute('aria-label');
        out += ' ' + (l != null ? l : c.tagName === 'IMG' ? (c.getAttribute('alt') || '') : textOf(c)) + ' ';
      }
    }
    return out;
  }
  function byIds(ids) {
    return norm(ids.split(/\s+/).map(function (id) { var e = document.getElementById(id); return e ? textOf(e) : ''; }).join(' '));
  }
  function accName(el) {
    var lb = el.getAttribute('aria-labelledby');
    if (lb) return byIds(lb);
    var al = el.getAttribute('aria-label');
    if (al) return norm(al);
    if (el.labels && el.labels.length) return norm(Array.prototype.map.call(el.labels, textOf).join(' '));
    if (el.tagName === 'INPUT' && (el.type === 'button' || el.type === 'submit')) return norm(el.value);
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return norm(el.getAttribute('title') || el.getAttribute('placeholder'));
    if (el.tagName === 'DIALOG' || el.tagName === 'FIELDSET') {
      var lg = el.querySelector('legend,h1,h2,h3');
      return lg && el.tagName === 'FIELDSET' ? norm(textOf(lg)) : '';
    }
    return norm(textOf(el));
  }
  function matches(t, s, exact) {
    if (t == null) return true;
    if (typeof t === 'string') return exact ? s === norm(t) : s.toLowerCase().indexOf(norm(t).toLowerCase()) >= 0;
    return new RegExp(t.re, t.flags).test(s);
  }
  function all(root, css) { return Array.prototype.slice.call(root.querySelectorAll(css)); }
  function findIn(root, q) {
    var els;
    if (q.role) {
      els = all(root, ROLE_CSS[q.role]).filter(function (e) { return !hidden(e) && matches(q.name, accName(e), q.exact); });
    } else if (q.label != null) {
      els = all(root, 'input,textarea,select,[role=textbox]').filter(function (e) {
        return !hidden(e) && e.type !== 'hidden' && matches(q.label, accName(e), q.exact);
      });
    } else if (q.testid) {
      els = all(root, '[data-testid="' + q.testid + '"]');
    } else if (q.css) {
      els = all(root, q.css);
    } else if (q.text != null) {
      els = all(root, 'body *').filter(function (e) {
        if (hidden(e) || !matches(q.text, norm(textOf(e)), q.exact)) return false;
        for (var c = e.firstElementChild; c; c = c.nextElementSibling) if (!hidden(c) && matches(q.text, norm(textOf(c)), q.exact)) return false;
        return true;
      });
    } else els = [];
    if (q.hasText != null) els = els.filter(function (e) { return matches(q.hasText, norm(textOf(e)), false); });
    return els;
  }
  function find(q) {
    var roots = q.within ? find(q.within) : [document];
    if (q.within) roots = roots.length ? [roots[q.within.nth || 0]].filter(Boolean) : [];
    var out = [];
    roots.forEach(function (r) { findIn(r, q).forEach(function (e) { if (out.indexOf(e) < 0) out.push(e); }); });
    return out;
  }
  return find(q);
}
function __xzwText(el) { return (el.innerText != null ? el.innerText : el.textContent).replace(/\s+/g, ' ').replace(/^ | $/g, ''); }
`;
