/** A namespace's messages: nested objects of strings. */
export interface Messages {
  readonly [key: string]: string | Messages;
}
