/**
 * The protocol's order of messages, enforced before any handler runs. vscode-languageserver dispatches whatever
 * arrives: a request before `initialize` or after `shutdown` reached our handlers and was answered `null`, as if the
 * server had nothing to say. The protocol says otherwise: before `initialize` a request gets ServerNotInitialized
 * (-32002) and a notification is dropped (except `exit`); after `shutdown` a request gets InvalidRequest (-32600).
 *
 * It is a vscode-jsonrpc MessageStrategy (every incoming message passes through it, on any transport). A refused
 * request is handed on renamed to REFUSED_REQUEST, whose one handler answers the error: so the error travels the
 * connection's own response path, with the request's id, and nothing else ever sees the request.
 */
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy } from 'vscode-languageserver';

export const REFUSED_REQUEST = '$/auth0Connections/refusedRequest';

interface Refusal {
  code: number;
  message: string;
}

type Stage = 'awaiting initialize' | 'running' | 'shut down';

export class LifecycleGate {
  #stage: Stage = 'awaiting initialize';

  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      const passed = this.#pass(message);
      if (passed) next(passed);
    },
  };

  /** Registers the handler that answers refused requests; call before the connection listens. */
  listen(connection: Connection): void {
    connection.onRequest(REFUSED_REQUEST, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
  }

  /** The message to hand on (the message itself, or a refused request renamed), or undefined to drop it. */
  #pass(message: Message): Message | undefined {
    if (Message.isRequest(message)) {
      const refusal = this.#refusal(message.method);
      if (refusal) return { ...message, method: REFUSED_REQUEST, params: refusal } as Message;
      if (message.method === 'initialize') this.#stage = 'running';
      if (message.method === 'shutdown') this.#stage = 'shut down';
      return message;
    }
    if (Message.isNotification(message) && message.method !== 'exit' && this.#stage !== 'running') return undefined;
    return message;
  }

  #refusal(method: string): Refusal | undefined {
    switch (this.#stage) {
      case 'awaiting initialize':
        return method === 'initialize' ? undefined : { code: ErrorCodes.ServerNotInitialized, message: `The server is not initialized: send initialize before ${method}.` };
      case 'running':
        return method === 'initialize' ? { code: ErrorCodes.InvalidRequest, message: 'The server is already initialized: initialize may only be sent once.' } : undefined;
      case 'shut down':
        return { code: ErrorCodes.InvalidRequest, message: `The server has shut down: ${method} is refused; only exit is accepted now.` };
      default: {
        const never: never = this.#stage;
        return never;
      }
    }
  }
}
