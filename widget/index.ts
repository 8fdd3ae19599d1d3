/** widget.js entry: takes a redirect code out of the address bar first, then defines <thinglink-sso> once. */
import "./client/redirect-code";
import { ThinglinkSso } from "./thinglink-sso/thinglink-sso";

export { ThinglinkSso };
export * from "./events";

if (!customElements.get("thinglink-sso")) customElements.define("thinglink-sso", ThinglinkSso);
