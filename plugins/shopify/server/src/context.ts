/** What middleware puts on ctx.state. */
export interface AppState {
  requestId: string;
  /** Set by the session-token middleware: the shop the token was issued for. */
  shop: string;
  sessionToken: string;
}
