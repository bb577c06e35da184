/**
 * The base of every module's exception: a stable machine code plus a message for the operator.
 * Transports (Discord replies, HTTP) map codes to what the user sees with an exhaustive switch.
 */
export abstract class DomainError<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
