// A real terminal for end-to-end tests of the TUI: one tmux server on a private socket, one fixed-size pane running
// the command, keys sent with send-keys and the screen read with capture-pane.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface TerminalOptions {
  command: string[];
  /** The pane's environment on top of this process's. */
  env?: Record<string, string>;
  columns?: number;
  rows?: number;
}

export interface PaneExit {
  status: number;
  screen: string;
}

const pollMs = 100;
const session = 'tui';

export class Terminal {
  private readonly socket: string;
  private readonly statusFile: string;
  private lastScreen = '';

  private constructor(private readonly directory: string) {
    this.socket = join(directory, 'socket');
    this.statusFile = join(directory, 'exit-status');
  }

  static async start({ command, env = {}, columns = 160, rows = 45 }: TerminalOptions): Promise<Terminal> {
    const directory = mkdtempSync(join(tmpdir(), 'scale-ha-tmux-'));
    const config = join(directory, 'tmux.conf');
    // remain-on-exit keeps the pane, and so the command's last screen, after it ends; no status line, so every row is
    // the command's.
    writeFileSync(config, ['set -g remain-on-exit on', 'set -g status off', 'set -g default-terminal xterm-256color', ''].join('\n'));
    const terminal = new Terminal(directory);
    const newSession = ['new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows)];
    // A shell around the command writes its exit status: tmux built with libutempter resets SIGCHLD while its helper
    // runs as a pane's terminal closes, so a command exiting just then is never reaped and tmux never learns its status.
    // The command's words stay separate arguments ("$@"), never parsed by the shell.
    const recordExit = ['sh', '-c', 'status_file=$1; shift; "$@"; echo $? > "$status_file"', 'sh', terminal.statusFile];
    try {
      // The new server hands its own environment to the pane; given here rather than as `-e NAME=value`, the paths
      // stay off tmux's command line (scripts/test counts a process naming the bed's directories as the bed's). TMUX
      // unset: started from inside tmux, the new server must not mistake itself for a nested client.
      await execa('tmux', ['-f', config, '-S', terminal.socket, ...newSession, ...recordExit, ...command], {
        env: { ...env, TMUX: undefined },
      });
    } catch (error) {
      await terminal.close();
      throw error;
    }
    return terminal;
  }

  private async tmux(args: string[]): Promise<string> {
    const result = await execa('tmux', ['-S', this.socket, ...args], { timeout: 10_000 });
    return String(result.stdout);
  }

  /** Keys by tmux's names (`Enter`, `Escape`, `Down`, `BSpace`, `y`), each one a separate key press. */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.tmux(['send-keys', '-t', session, ...keys]);
  }

  /** Text typed as it is: tmux delivers it in one write, so the program reads it as one input. */
  async type(text: string): Promise<void> {
    await this.tmux(['send-keys', '-t', session, '-l', text]);
  }

  /** The visible screen, without the blank rows below the output. */
  async capture(): Promise<string> {
    this.lastScreen = (await this.tmux(['capture-pane', '-p', '-t', session])).trimEnd();
    return this.lastScreen;
  }

  /** Polls the screen until it matches; fails with the last screen seen, at once if the command has exited. */
  async waitForScreen(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const exited = this.exitStatus();
      const screen = await this.capture();
      if (pattern.test(screen)) return screen;
      if (exited !== undefined) assert.fail(`the command exited with status ${exited} before ${pattern} was on the screen:\n${screen}`);
      if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000}s waiting for ${pattern} on the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** One key, then the screen that shows its effect: never a second key before the first one was drawn. */
  async press(key: string, effect: RegExp, timeoutMs?: number): Promise<string> {
    await this.sendKeys(key);
    return this.waitForScreen(effect, timeoutMs);
  }

  /** Waits until the command has exited; its last screen stays in the pane. */
  async waitForExit(timeoutMs = 10_000): Promise<PaneExit> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = this.exitStatus();
      if (status !== undefined) return { status, screen: await this.capture() };
      if (Date.now() > deadline) assert.fail(`the command did not exit within ${timeoutMs / 1000}s; its screen:\n${await this.capture()}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private exitStatus(): number | undefined {
    try {
      const text = readFileSync(this.statusFile, 'utf8');
      return text.endsWith('\n') ? Number(text) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The screen the last capture or wait saw, for assertion messages. */
  get screen(): string {
    return this.lastScreen;
  }

  /** Kills the tmux server (and the command with it, if still running) and removes the socket's directory. */
  async close(): Promise<void> {
    await execa('tmux', ['-S', this.socket, 'kill-server'], { reject: false });
    rmSync(this.directory, { recursive: true, force: true });
  }
}
