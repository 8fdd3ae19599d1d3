/**
 * Base of the admin panel's inner elements. They render into their own light DOM, which
 * sits in the <thinglink-sso-admin> shadow root: one styling scope for the whole panel,
 * ::part() names exported once, and aria-labelledby/for references that resolve (ID
 * references do not cross shadow roots).
 */
import { LitElement, type PropertyDeclarations } from "lit";
import type { AdminApi } from "./admin-api";
import type { AdminStrings } from "./i18n";

export class LightElement extends LitElement {
  static properties: PropertyDeclarations = { admin: { attribute: false }, t: { attribute: false } };

  admin!: AdminApi;
  t!: AdminStrings;

  protected createRenderRoot() {
    return this;
  }

  /** Keyboard users keep their place when the control they used goes away: focus moves here after the render. */
  protected async focusLater(selector: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Tells the panel that something changed, so its activity list reloads. */
  protected changed() {
    this.dispatchEvent(new Event("admin-changed", { bubbles: true }));
  }
}
