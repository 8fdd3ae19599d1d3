/**
 * Asking before a change that is hard to undo, as a modal <dialog>: the platform makes the rest
 * of the page inert, keeps focus inside and closes it on Escape. It is an alertdialog labelled
 * by its question; the safe choice has focus first, so Enter never confirms by accident; and
 * focus returns to the control that asked. Resolves true only for the confirming button.
 */
import { html, render } from "lit";

export interface Question {
  message: string;
  /** The confirming button: says what happens ("Remove", "Disable"). */
  confirm: string;
  /** The safe button: says what stays ("Keep it enabled", "Cancel"). */
  cancel: string;
}

let asked = 0;

export function confirmDialog(from: HTMLElement, question: Question): Promise<boolean> {
  // The panel's shadow root: the dialog shares its styles, and the asker is its active element.
  const root = from.getRootNode() as ShadowRoot | Document;
  const asker = root.activeElement instanceof HTMLElement ? root.activeElement : null;
  const id = `confirm-question-${++asked}`;
  const dialog = document.createElement("dialog");
  dialog.className = "confirm-dialog";
  dialog.setAttribute("role", "alertdialog");
  dialog.setAttribute("aria-labelledby", id);
  dialog.setAttribute("part", "dialog");
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        dialog.remove();
        asker?.focus();
        resolve(dialog.returnValue === "confirm");
      },
      { once: true },
    );
    render(
      html`<p id=${id}>${question.message}</p>
        <div class="actions">
          <button type="button" class="primary" part="primary-button" @click=${() => dialog.close("confirm")}>${question.confirm}</button>
          <button type="button" class="secondary" part="secondary-button" @click=${() => dialog.close("cancel")}>${question.cancel}</button>
        </div>`,
      dialog,
    );
    (root instanceof ShadowRoot ? root : document.body).appendChild(dialog);
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>("button.secondary")!.focus();
  });
}
