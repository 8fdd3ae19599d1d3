/**
 * Finishing admin-consent steps (docs/security.md). The admin-consent redirect is never proof (anyone can type
 * `tenant` and `admin_consent`): it only leads to the proof sign-in, and the
 * integration becomes active only on a validated ID token from that tenant whose
 * signer holds a consent-capable role (integration/proof.ts).
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { sha256 } from "../crypto";
import { checkProof } from "../integration/proof";
import { log } from "../log";
import { messagePage } from "../pages/layout";
import { errorText, pageLang, strings } from "../pages/strings";
import { takeFlowCookie, type ConsentTarget, type PendingSignIn, type ProofFlow } from "../session/flow-cookie";
import { SignInFailure, claimsFromCallback } from "../sign-in/exchange";
import { finishPendingSignIn } from "./continue-sign-in";
import { activate, consentFailureOf, consentResultPage, recordConsentFailure, type ConsentFailure } from "./record";
import { beginProof } from "./begin";
import { redeemFlowState } from "../storage/flow-states";
import { selectOrganizationById, type OrganizationRow } from "../storage/organizations";

/** Microsoft could not answer prompt=none without the person: ask them, with the account picker. */
const NEEDS_INTERACTION = new Set(["login_required", "interaction_required", "consent_required", "account_selection_required"]);

const targetOf = (f: ConsentTarget): ConsentTarget => ({
  organizationId: f.organizationId,
  tenantId: f.tenantId,
  method: f.method,
  actorId: f.actorId,
});

function flowLost(c: Context<AppEnv>) {
  const lang = pageLang(c, c.req.query("lang"));
  const message =
    "This consent cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Start again from the admin panel or the link.";
  return c.html(
    messagePage(c.var.secureHeadersNonce, lang, {
      title: strings(lang).consentNotFinished,
      message: errorText(lang, "flow_not_found", message),
      code: "flow_not_found",
    }),
    400,
  );
}

export async function handleConsentCallback(c: Context<AppEnv>) {
  const query = c.req.query();
  const flow = await takeFlowCookie(c, query.state);
  if (!flow || flow.kind !== "consent") {
    log.warn("consent_refused", { reason: flow ? "not_a_consent_flow" : "flow_cookie_missing" });
    return flowLost(c);
  }
  const target = targetOf(flow);
  // Single-use, like every state: a copy of this browser's cookie cannot answer twice.
  const redeemed = await redeemFlowState(c.env.DB, await sha256(flow.state), flow.expiresAt).run();
  if (redeemed.meta.changes === 0) {
    log.warn("consent_refused", { reason: "state_replayed" });
    return flowLost(c);
  }
  if (query.error || query.admin_consent?.toLowerCase() !== "true") {
    const failure = query.error
      ? consentFailureOf(query)
      : { code: "consent_not_granted", message: "Microsoft did not report a granted consent." };
    await recordConsentFailure(c, target, failure, "admin_consent");
    // Way (c): whatever consent came to, the person who signed in is signed in.
    if (flow.signIn) return finishPendingSignIn(c, flow.signIn, flow.state);
    return consentResultPage(c, flow.lang, { active: false, failure });
  }
  return beginProof(c, target, { lang: flow.lang, interactive: false, signIn: flow.signIn, loginHint: flow.loginHint });
}

async function failProof(c: Context<AppEnv>, flow: ProofFlow, failure: ConsentFailure, step: string) {
  await recordConsentFailure(c, targetOf(flow), failure, step);
  if (flow.signIn) return finishPendingSignIn(c, flow.signIn, flow.state);
  return consentResultPage(c, flow.lang, { active: false, failure });
}

export async function handleProofCallback(c: Context<AppEnv>, flow: ProofFlow, query: Record<string, string>) {
  const target = targetOf(flow);
  let claims;
  try {
    claims = await claimsFromCallback(c, { tenant: flow.tenantId, nonce: flow.nonce, verifier: flow.verifier }, query);
  } catch (err) {
    if (!(err instanceof SignInFailure)) throw err;
    if (!flow.interactive && err.microsoftError && NEEDS_INTERACTION.has(err.microsoftError)) {
      return beginProof(c, target, { lang: flow.lang, interactive: true, signIn: flow.signIn });
    }
    log.warn("proof_failed", { code: err.error.code, detail: err.logDetail });
    const failure = err.microsoftError
      ? consentFailureOf(query)
      : { code: "proof_invalid", message: "Microsoft's answer to the administrator's sign-in could not be verified. Please try again." };
    return failProof(c, flow, failure, "proof");
  }
  const db = c.env.DB;
  const redeemed = await redeemFlowState(db, await sha256(flow.state), flow.expiresAt).run();
  if (redeemed.meta.changes === 0)
    return failProof(
      c,
      flow,
      { code: "proof_replayed", message: "This administrator sign-in was already used. Please start again." },
      "proof",
    );

  const proof = checkProof(claims, flow.tenantId);
  if (!proof.ok) return failProof(c, flow, { code: proof.reason, message: proof.message }, "proof");
  const activation = await activate(c, target, proof.consenter, proof.role);
  const org = activation.ok ? await selectOrganizationById(db, flow.organizationId).first<OrganizationRow>() : null;
  if (flow.signIn) {
    // Way (c): the sign-in finishes, and its window says what the Connect did.
    const connected = org ? { ...flow.signIn, flow: { ...flow.signIn.flow, connected: org.name } } : flow.signIn;
    return finishPendingSignIn(c, connected, flow.state);
  }
  if (!activation.ok) return consentResultPage(c, flow.lang, { active: false, failure: activation.failure });
  return consentResultPage(c, flow.lang, { active: true, organizationName: org?.name ?? "your organization" });
}

export type { PendingSignIn };
