/**
 * The lock screen (its own chunk): a full-screen keypad, the wrong-PIN messages and the
 * back-off countdown. Rendered instead of the app, never over it (see ./index.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { getPinAttempts, verifyPin } from '../../db/pin';
import { PIN_MAX_DIGITS, PIN_MESSAGES, waitMessage, waitRemaining } from '../../domain/pin';
import { getSyncEngine } from '../syncEngine';
import { ForgotPin } from './ForgotPin';
import { markUnlocked } from './index';
import { Keypad, PinDots } from './Keypad';
import './pin.css';

const STORAGE_FAILED = '无法读取本机存储，请重试；若仍失败，请关闭后重新打开应用。';

export function LockScreen() {
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [forgot, setForgot] = useState(false);
  const waitMs = Math.max(0, waitUntil - now);

  // Records keep going to the server while the screens are locked.
  useEffect(() => void getSyncEngine(), []);
  // A reload during a wait keeps the wait.
  useEffect(() => {
    getPinAttempts()
      .then((a) => {
        const t = Date.now();
        setNow(t);
        setWaitUntil(t + waitRemaining(a, t));
      })
      .catch(() => setMessage(STORAGE_FAILED));
  }, []);
  // The countdown: re-render every second while waiting.
  useEffect(() => {
    if (waitMs <= 0) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(1000, waitMs));
    return () => clearTimeout(t);
  }, [waitMs]);

  const submit = async () => {
    if (busy || waitMs > 0) return;
    if (!digits) return setMessage(PIN_MESSAGES.empty);
    setBusy(true);
    try {
      const r = await verifyPin(digits);
      if (r.ok) return markUnlocked();
      setDigits('');
      setMessage(r.message);
      const t = Date.now();
      setNow(t);
      setWaitUntil(t + r.waitMs);
    } catch (e) {
      console.error(e);
      setMessage(STORAGE_FAILED);
    } finally {
      setBusy(false);
    }
  };

  // A phone with a keyboard (or a desktop) can type the PIN too.
  useEffect(() => {
    if (forgot) return;
    const onKey = (e: KeyboardEvent) => {
      if (/^[0-9]$/.test(e.key) && digits.length < PIN_MAX_DIGITS) setDigits(digits + e.key);
      else if (e.key === 'Backspace') setDigits(digits.slice(0, -1));
      else if (e.key === 'Enter') void submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main class="pin-lock" aria-labelledby="pin-lock-title">
      <p class="pin-app">班组小政委</p>
      <h1 id="pin-lock-title"><LockIcon />已锁定</h1>
      {forgot ? (
        <ForgotPin onBack={() => setForgot(false)} />
      ) : (
        <>
          <PinDots count={digits.length} />
          <p class="pin-msg" role="alert">
            {waitMs > 0 ? waitMessage(waitMs) : busy ? '正在核对…' : message}
          </p>
          <Keypad digits={digits} disabled={busy || waitMs > 0} onDigits={setDigits} onSubmit={() => void submit()} />
          <button type="button" class="pin-forgot" onClick={() => setForgot(true)}>忘记 PIN？</button>
        </>
      )}
    </main>
  );
}

/** Drawn, not an emoji: many phones (and the test browser) have no emoji font. */
function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true" class="pin-icon">
      <path d="M7 10V7a5 5 0 0 1 10 0v3" fill="none" stroke="currentColor" stroke-width="2.5" />
      <rect x="4" y="10" width="16" height="12" rx="2" fill="currentColor" />
    </svg>
  );
}
