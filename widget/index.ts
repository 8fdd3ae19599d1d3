/** widget.js entry: defines <thinglink-sso> once, even when the script is loaded twice. */
import { ThinglinkSso } from "./thinglink-sso/thinglink-sso";

export { ThinglinkSso };
export * from "./events";

if (!customElements.get("thinglink-sso")) customElements.define("thinglink-sso", ThinglinkSso);
