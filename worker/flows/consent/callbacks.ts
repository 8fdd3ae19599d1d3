/**
 * Finishing admin-consent steps (docs/security.md). The admin-consent redirect is never proof
 * (anyone can type `tenant` and `admin_consent`): it only leads to the proof sign-in, and the
 * integration becomes active only on a validated ID token from that tenant whose signer holds
 * a consent-capable role (integration/proof.ts).
 */
import { sha256 } from "../../crypto";
import { checkProof } from "../../integration/proof";
import { log } from "../../log";
import { failureText, strings, type Lang } from "../../pages/strings";
import type { ConsentFlow, ConsentTarget, Flow, ProofFlow } from "../../session/flow-cookie";
import { redeemFlowState } from "../../storage/flow-states";
import { selectOrganizationById, type OrganizationRow } from "../../storage/organizations";
import { page, type FlowDeps, type Outcome } from "../core";
import { SignInFailure, claimsFromCallback } from "../sign-in/exchange";
import { beginProof } from "./begin";
import { finishPendingSignIn } from "./continue-sign-in";
import { activate, consentFailureOf, consentResultPage, recordConsentFailure, type ConsentFailure } from "./record";

/** Microsoft could not answer prompt=none without the person: ask them, with the account picker. */
const NEEDS_INTERACTION = new Set(["login_required", "interaction_required", "consent_required", "account_selection_required"]);

const targetOf = (f: ConsentTarget): ConsentTarget => ({
  organizationId: f.organizationId,
  tenantId: f.tenantId,
  method: f.method,
  actorId: f.actorId,
});

function flowLost(lang: Lang): Outcome {
  return page(
    {
      view: "message",
      lang,
      title: strings(lang).consentNotFinished,
      message: failureText(lang, "flow_not_found.consent"),
      code: "flow_not_found",
    },
    400,
  );
}

/** Microsoft's answer at the admin-consent redirect URI; `flow` is this browser's cookie for its `state`. */
export async function handleConsentCallback(
  p: { query: Record<string, string>; flow: Flow | null; lang: Lang },
  deps: FlowDeps,
): Promise<Outcome> {
  const { query } = p;
  if (p.flow?.kind !== "consent") {
    log.warn("consent_refused", { reason: p.flow ? "not_a_consent_flow" : "flow_cookie_missing" });
    return flowLost(p.lang);
  }
  const flow: ConsentFlow = p.flow;
  const target = targetOf(flow);
  // Single-use, like every state: a copy of this browser's cookie cannot answer twice.
  const redeemed = await redeemFlowState(deps.db, await sha256(flow.state), flow.expiresAt).run();
  if (redeemed.meta.changes === 0) {
    log.warn("consent_refused", { reason: "state_replayed" });
    return flowLost(p.lang);
  }
  if (query.error || query.admin_consent?.toLowerCase() !== "true") {
    const failure = query.error ? consentFailureOf(query) : { key: "consent_not_granted" as const };
    await recordConsentFailure(target, failure, "admin_consent", deps);
    // Way (c): whatever consent came to, the person who signed in is signed in.
    if (flow.signIn) return finishPendingSignIn(flow.signIn, flow.state, deps);
    return consentResultPage(flow.lang, { active: false, failure });
  }
  return beginProof(target, { lang: flow.lang, interactive: false, signIn: flow.signIn, loginHint: flow.loginHint }, deps);
}

async function failProof(flow: ProofFlow, failure: ConsentFailure, step: string, deps: FlowDeps): Promise<Outcome> {
  await recordConsentFailure(targetOf(flow), failure, step, deps);
  if (flow.signIn) return finishPendingSignIn(flow.signIn, flow.state, deps);
  return consentResultPage(flow.lang, { active: false, failure });
}

export async function handleProofCallback(flow: ProofFlow, query: Record<string, string>, deps: FlowDeps): Promise<Outcome> {
  const target = targetOf(flow);
  let claims;
  try {
    claims = await claimsFromCallback({ tenant: flow.tenantId, nonce: flow.nonce, verifier: flow.verifier }, query, deps);
  } catch (err) {
    if (!(err instanceof SignInFailure)) throw err;
    if (!flow.interactive && err.microsoftError && NEEDS_INTERACTION.has(err.microsoftError)) {
      return beginProof(target, { lang: flow.lang, interactive: true, signIn: flow.signIn }, deps);
    }
    log.warn("proof_failed", { code: err.error.key, detail: err.logDetail });
    const failure: ConsentFailure = err.microsoftError ? consentFailureOf(query) : { key: "proof_invalid" };
    return failProof(flow, failure, "proof", deps);
  }
  const redeemed = await redeemFlowState(deps.db, await sha256(flow.state), flow.expiresAt).run();
  if (redeemed.meta.changes === 0) {
    return failProof(flow, { key: "proof_replayed" }, "proof", deps);
  }
  const proof = checkProof(claims, flow.tenantId);
  if (!proof.ok) return failProof(flow, { key: proof.reason }, "proof", deps);
  const activation = await activate(target, proof.consenter, proof.role, deps);
  const org = activation.ok ? await selectOrganizationById(deps.db, flow.organizationId).first<OrganizationRow>() : null;
  if (flow.signIn) {
    // Way (c): the sign-in finishes, and its window says what the Connect did.
    const connected = org ? { ...flow.signIn, flow: { ...flow.signIn.flow, connected: org.name } } : flow.signIn;
    return finishPendingSignIn(connected, flow.state, deps);
  }
  if (!activation.ok) return consentResultPage(flow.lang, { active: false, failure: activation.failure });
  return consentResultPage(flow.lang, { active: true, organizationName: org?.name ?? "your organization" });
}
