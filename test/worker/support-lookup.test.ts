/**
 * Support finds an organization: by a prefix of its name (any case) or of its slug, keyset-paged,
 * and one by id or slug with its integration and counts. A domain where support needs a tenant's
 * GUID is answered with where to find the GUID.
 */
import { describe, expect, it } from "vitest";
import { TENANT, createOrg, support } from "../support/orgs";

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe("support's lookup", () => {
  it("finds organizations by name or slug prefix, a page at a time, in name order", async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const made = [];
    for (const name of [`${tag} Alpha Academy`, `${tag} beta school`, `${tag} Gamma Ltd`]) made.push(await createOrg({ name }));
    const first = await json(await support("GET", `/api/support/organizations?q=${tag.toUpperCase()}&limit=2`));
    expect(first.status).toBe(200);
    expect(first.body.organizations.map((o: any) => o.name)).toEqual([`${tag} Alpha Academy`, `${tag} beta school`]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await json(await support("GET", `/api/support/organizations?q=${tag}&limit=2&cursor=${first.body.nextCursor}`));
    expect(second.body.organizations.map((o: any) => o.name)).toEqual([`${tag} Gamma Ltd`]);
    expect(second.body.nextCursor).toBeNull();
    // A slug prefix finds it too; the slug is what createOrg made of the name.
    const bySlug = await json(await support("GET", `/api/support/organizations?q=${made[1].slug.slice(0, -3)}`));
    expect(bySlug.body.organizations.map((o: any) => o.id)).toContain(made[1].id);
  });

  it("shows one organization by id or slug, with its integration and counts", async () => {
    const org = await createOrg({ name: "Lookup Northwood" });
    await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood });
    for (const ref of [org.id, org.slug]) {
      const found = await json(await support("GET", `/api/support/organizations/${ref}`));
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({
        id: org.id,
        slug: org.slug,
        name: "Lookup Northwood",
        kind: "education",
        integration: { status: "active", tenantId: TENANT.northwood, consent: { method: "support" } },
        counts: { members: 0, admins: 0, pendingRequests: 0 },
      });
    }
    await support("DELETE", `/api/support/organizations/${org.id}/integration`);
    const missing = await json(await support("GET", "/api/support/organizations/no-such-org"));
    expect(missing).toEqual({ status: 404, body: { error: { code: "not_found", message: "There is no such organization." } } });
  });

  it("answers a domain where a tenant ID is needed with where to find the ID", async () => {
    const org = await createOrg({ name: "Lookup Contoso" });
    const refused = await json(await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: "contoso.com" }));
    expect(refused).toEqual({
      status: 422,
      body: {
        error: {
          code: "invalid_tenant_id",
          message:
            '"contoso.com" is a domain: support links a tenant by its tenant ID (a GUID). The customer\'s Microsoft administrator finds it in the Microsoft Entra admin center, Overview, Tenant ID.',
        },
      },
    });
    const word = await json(await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: "common" }));
    expect(word.body.error.message).toBe(
      '"common" is not a tenant: enter your organization\'s own tenant ID (a GUID) or one of its verified domains.',
    );
  });
});
