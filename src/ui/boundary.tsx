/**
 * The top-level error boundary: a screen that throws while rendering hands the error to
 * src/boot/boot.js, which shows the static zh-CN error screen of index.html (records are safe,
 * how many wait to be sent, 重新加载, 复制诊断信息). That screen needs nothing of the bundle,
 * so it shows even where the failure is in the app's own code.
 */
import { Component, type ComponentChildren } from 'preact';

type Crash = (error: unknown) => void;

export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(error: unknown): void {
    console.error(error);
    this.setState({ failed: true });
    (window as { __xzwCrash?: Crash }).__xzwCrash?.(error);
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}
