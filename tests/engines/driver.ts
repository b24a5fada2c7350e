/**
 * What the engine flow needs from a browser, met by puppeteer-core (old Chromium, over CDP) and by a
 * W3C WebDriver client (WebKitGTK), plus the waiting assertions the flow is written in.
 */
import { DOM_QUERY_JS, type Query, type Text } from './dom-query';

export type Handle = unknown;

export interface Driver {
  /** e.g. "Chromium 83.0.4103.0" or "WebKitGTK 2.48.3". */
  readonly version: string;
  /** Where this browser reaches the endpoint, when not at its own address (a proxy in between). */
  readonly origin?: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Runs a function body in the page with `args` bound; a returned promise is awaited; JSON back. */
  run<T>(body: string, args?: unknown[]): Promise<T>;
  /** The element the query finds (its `nth`), or null. */
  handle(q: Query): Promise<Handle | null>;
  /** A real click (input events from the browser, not element.click()). */
  click(h: Handle): Promise<void>;
  /** Clears the field, then types the text as keystrokes. */
  type(h: Handle, text: string): Promise<void>;
  /**
   * Puts a file from disk on an <input type=file> the way the browser's own file chooser does
   * (a disk-backed File, input and change events from the browser), even when the input is
   * visually hidden behind its label, as a phone's camera button is.
   */
  upload(h: Handle, path: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Page errors (uncaught exceptions, unhandled rejections) and console errors seen so far. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

/** In-page script that finds the query's element. */
export const findJs = (q: Query): string =>
  `${DOM_QUERY_JS}\nreturn __xzwFind(${JSON.stringify(q)})[${q.nth ?? 0}] || null;`;

const show = (t: Text | undefined) => (t === undefined ? '' : typeof t === 'string' ? JSON.stringify(t) : `/${t.re}/${t.flags}`);
export const describe = (q: Query): string =>
  [q.within ? `${describe(q.within)} >> ` : '', q.role ? `role=${q.role}` : '', q.name !== undefined ? `[name=${show(q.name)}${q.exact ? ' exact' : ''}]` : '',
    q.label !== undefined ? `label=${show(q.label)}` : '', q.testid ? `testid=${q.testid}` : '', q.css ? `css=${q.css}` : '',
    q.text !== undefined ? `text=${show(q.text)}` : '', q.hasText !== undefined ? ` hasText=${show(q.hasText)}` : '', q.nth ? ` nth=${q.nth}` : ''].join('');

interface State { count: number; text: string | null; attrs: Record<string, string | null>; value: string | null }

/** The flow's vocabulary: every step waits (up to `timeout`) like Playwright's locators do. */
export class Ui {
  constructor(readonly d: Driver, readonly base: string, readonly timeout = 10_000) {}

  async goto(path: string) {
    await this.d.goto(this.base + path);
  }

  /** Waits (up to `timeout`) until `probe` gives a value `ok` accepts, and returns it. */
  until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeout = this.timeout): Promise<T> {
    return this.poll(what, probe, ok, timeout);
  }

  private async poll<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeout = this.timeout): Promise<T> {
    const end = Date.now() + timeout;
    let last: T | undefined;
    let err: unknown;
    for (;;) {
      try {
        // A browser that stops answering fails the step instead of hanging the suite.
        last = await Promise.race([probe(), new Promise<never>((_, no) => setTimeout(() => no(new Error('no answer from the browser in 15 s')), 15_000))]);
        if (ok(last)) return last;
        err = undefined;
      } catch (e) {
        err = e; // a navigation in progress, a detached element: try again
      }
      if (Date.now() > end) {
        const errors = await this.d.errors().catch(() => []);
        throw new Error(`${this.d.version}: timed out waiting for ${what}; last seen ${JSON.stringify(last)}${err ? `; ${String(err)}` : ''}` +
          (errors.length ? `\npage errors: ${errors.join('\n')}` : ''));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private state(q: Query, attrs: string[] = []): Promise<State> {
    return this.d.run<State>(`${DOM_QUERY_JS}
      var q = args[0], names = args[1], all = __xzwFind(q), el = all[q.nth || 0];
      var attrs = {};
      names.forEach(function (n) { attrs[n] = el ? el.getAttribute(n) : null; });
      return { count: all.length, text: el ? el.textContent.replace(/\s+/g, ' ').replace(/^ | $/g, '') : null, attrs: attrs,
        value: el && 'value' in el ? String(el.value) : null };`, [q, attrs]);
  }

  /** Waits for the element (a visible one when the query has a role or label), returns its handle. */
  async el(q: Query): Promise<Handle> {
    return this.poll(describe(q), () => this.d.handle(q), (h) => h != null);
  }

  /**
   * Like Playwright: waits until the element is in view, has not moved for two frames and is the
   * one a tap at its centre reaches (a banner appearing above shifts the screen), then clicks.
   */
  async click(q: Query) {
    await this.poll(`${describe(q)} to be clickable`, () => this.d.run<string>(`${DOM_QUERY_JS}
      var el = __xzwFind(args[0])[args[0].nth || 0];
      if (!el) return 'not found';
      var a = el.getBoundingClientRect();
      if (a.top < 0 || a.bottom > innerHeight || a.left < 0 || a.right > innerWidth) el.scrollIntoView({ block: 'center' });
      a = el.getBoundingClientRect();
      // First the screen settles (no DOM change for 100 ms: a banner read from IndexedDB lands late).
      return new Promise(function (quiet) {
        var timer = setTimeout(finish, 100), stop = setTimeout(finish, 2000);
        var mo = new MutationObserver(function () { clearTimeout(timer); timer = setTimeout(finish, 100); });
        mo.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        function finish() { mo.disconnect(); clearTimeout(timer); clearTimeout(stop); quiet(); }
      }).then(function () { a = el.getBoundingClientRect(); return new Promise(function (done) { requestAnimationFrame(function () { requestAnimationFrame(function () {
        var b = el.getBoundingClientRect();
        var hit = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);
        var moved = a.top !== b.top || a.left !== b.left || a.width !== b.width || a.height !== b.height;
        var covered = !hit || !(hit === el || el.contains(hit));
        if (covered) el.scrollIntoView({ block: 'center' }); // under a fixed bar: bring it to the middle
        done(moved ? 'moving' : covered ? 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing') + ' at ' + JSON.stringify(b) +
          ', scrolled to ' + scrollY + ' of ' + (document.documentElement.scrollHeight - innerHeight) : 'ok');
      }); }); }); });`, [q]), (state) => state === 'ok');
    await this.d.click(await this.el(q));
  }

  async fill(q: Query, text: string) {
    await this.d.type(await this.el(q), text);
    await this.expectValue(q, text);
  }

  async expectCount(q: Query, n: number) {
    await this.poll(`${describe(q)} count ${n}`, () => this.state(q), (s) => s.count === n);
  }

  /** The whole text (normalised) equals a string, or matches a regular expression. */
  async expectText(q: Query, t: Text) {
    const test = (s: string | null) => s !== null && (typeof t === 'string' ? s === t : new RegExp(t.re, t.flags).test(s));
    await this.poll(`${describe(q)} text ${show(t)}`, () => this.state(q), (s) => test(s.text));
  }

  async expectContains(q: Query, part: string) {
    await this.poll(`${describe(q)} contains ${JSON.stringify(part)}`, () => this.state(q), (s) => s.text !== null && s.text.includes(part));
  }

  async expectAttr(q: Query, name: string, value: string) {
    await this.poll(`${describe(q)} @${name}=${value}`, () => this.state(q, [name]), (s) => s.attrs[name] === value);
  }

  async expectValue(q: Query, value: string | RegExp) {
    const test = (v: string | null) => v !== null && (typeof value === 'string' ? v === value : value.test(v));
    await this.poll(`${describe(q)} value ${String(value)}`, () => this.state(q), (s) => test(s.value));
  }

  /** An attribute of the element, once it is there. */
  async attr(q: Query, name: string): Promise<string | null> {
    await this.el(q);
    return (await this.state(q, [name])).attrs[name] ?? null;
  }

  async expectVisible(q: Query) {
    await this.el(q);
  }

  async path(): Promise<string> {
    return new URL(await this.d.url()).pathname;
  }
}
