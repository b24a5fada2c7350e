/** The few W3C WebDriver commands the engine flow needs, over fetch (no client library). */

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export interface ElementRef { [ELEMENT]: string }

export class WebDriverSession {
  private constructor(readonly base: string, readonly capabilities: Record<string, unknown>) {}

  static async create(server: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const v = await call<{ sessionId: string; capabilities: Record<string, unknown> }>('POST', `${server}/session`, { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(`${server}/session/${v.sessionId}`, v.capabilities);
  }

  cmd<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return call<T>(method, this.base + path, body);
  }

  navigate = (url: string) => this.cmd<null>('POST', '/url', { url });
  refresh = () => this.cmd<null>('POST', '/refresh', {});
  url = () => this.cmd<string>('GET', '/url');
  /** Runs a function body with `arguments`; the spec awaits a returned promise. */
  execute = <T>(script: string, args: unknown[] = []) => this.cmd<T>('POST', '/execute/sync', { script, args });
  click = (el: ElementRef) => this.cmd<null>('POST', `/element/${el[ELEMENT]}/click`, {});
  clear = (el: ElementRef) => this.cmd<null>('POST', `/element/${el[ELEMENT]}/clear`, {});
  sendKeys = (el: ElementRef, text: string) => this.cmd<null>('POST', `/element/${el[ELEMENT]}/value`, { text });
  setWindowRect = (width: number, height: number) => this.cmd<{ width: number; height: number }>('POST', '/window/rect', { width, height });
  screenshot = () => this.cmd<string>('GET', '/screenshot');
  delete = () => call<null>('DELETE', this.base);
}

export const isElement = (v: unknown): v is ElementRef => typeof v === 'object' && v !== null && ELEMENT in v;

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok) throw new Error(`WebDriver ${method} ${url.replace(/.*\/session\/[^/]+/, '')}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}
