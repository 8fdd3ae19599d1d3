/**
 * The join prompt's chunk: <thinglink-sso> imports it with a dynamic import() only
 * for view="join", or for view="auto" once the session has a suggestion or a request to show,
 * so widget.js (the sign-in path) stays small. Defining is guarded, as a second
 * copy of widget.js on the page shares this chunk.
 */
import { JoinPrompt } from "./join-prompt";

if (!customElements.get("thinglink-sso-join")) customElements.define("thinglink-sso-join", JoinPrompt);

declare global {
  interface HTMLElementTagNameMap {
    "thinglink-sso-join": JoinPrompt;
  }
}
