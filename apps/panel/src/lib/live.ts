import { useEffect, useRef, useState } from 'preact/hooks';
import { LIVE_CLOSE, type LiveChannel, type LiveClientMessage, type LiveServerMessage } from '@accord/contracts';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';
type Handler = (message: LiveServerMessage) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * The one live socket of the panel (`/api/v1/ws`). Pages subscribe to channels; the socket
 * resubscribes them all after every reconnect, which backs off exponentially (with jitter) up to
 * 30 s. A close with 4001 means the session ended: the panel goes back to the login.
 */
export class LiveClient {
  private socket: WebSocket | null = null;
  private readonly channels = new Map<LiveChannel, number>();
  private readonly handlers = new Set<Handler>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private current: LiveStatus = 'idle';

  private onSessionEnded: () => void = () => undefined;
  /** Asked after a connection fails: a refused upgrade (401) looks like any other failure. */
  private checkSession: () => void = () => undefined;

  get status(): LiveStatus {
    return this.current;
  }

  /** Connects (with the session's cookie); subscriptions made before are sent once it is open. */
  start(hooks: { onSessionEnded: () => void; checkSession: () => void }): void {
    this.onSessionEnded = hooks.onSessionEnded;
    this.checkSession = hooks.checkSession;
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
    this.setStatus('idle');
  }

  /** Receives every frame while subscribed to `channel`; returns the unsubscribe. */
  subscribe(channel: LiveChannel, handler: Handler): () => void {
    const count = this.channels.get(channel) ?? 0;
    this.channels.set(channel, count + 1);
    this.handlers.add(handler);
    if (count === 0) this.send({ event: 'subscribe', data: { channel } });
    return () => {
      this.handlers.delete(handler);
      const left = (this.channels.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.channels.set(channel, left);
      } else {
        this.channels.delete(channel);
        this.send({ event: 'unsubscribe', data: { channel } });
      }
    };
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  private connect(): void {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.setStatus('open');
      for (const channel of this.channels.keys()) this.send({ event: 'subscribe', data: { channel } });
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      let message: LiveServerMessage;
      try {
        message = JSON.parse(event.data) as LiveServerMessage;
      } catch {
        return;
      }
      for (const handler of this.handlers) handler(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === LIVE_CLOSE.SessionEnded) {
        this.stop();
        this.onSessionEnded();
        return;
      }
      if (!this.running) return;
      if (!opened) this.checkSession();
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      this.attempt += 1;
      this.setStatus('reconnecting');
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private send(message: LiveClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: LiveStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** The panel's one socket; pages subscribe to it whether or not it is connected yet. */
export const live = new LiveClient();

/** Subscribes the component to a channel for as long as it is mounted (or until `channel` is null). */
export function useLive(channel: LiveChannel | null, handler: Handler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!channel) return undefined;
    return live.subscribe(channel, (message) => latest.current(message));
  }, [channel]);
}

export function useLiveStatus(): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(live.status);
  useEffect(() => {
    setStatus(live.status);
    return live.onStatus(setStatus);
  }, []);
  return status;
}
