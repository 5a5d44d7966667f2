/**
 * The Cloud Management service's (CIS) rate limits as budget rules of the shared transport (issue 17).
 *
 * SAP: "Every API endpoint defines its own custom rate limit rule for the number of requests per time
 * window and per identified caller"; the only published figure is "more than five GET requests to
 * /accounts/v1/globalAccounts in less than a three second time window" (SAP-docs/btp-cloud-platform
 * docs/50-administration-and-ops/rate-limiting-77b217b.md). Reports of 429s from 20-50 entitlement
 * reads at once (SAP/terraform-provider-btp #902, SAP/crossplane-provider-btp #256) fit that figure
 * on other endpoints too, so it paces EVERY CIS endpoint from the first call (inferred, as the
 * simulator's default): a batch of a thousand subaccounts then meets no 429 instead of a burst of
 * them per endpoint. A 429 naming another rule (11007) still replaces a looser one (`RateBudget.learn`).
 *
 * The caller is the Cloud Management credential, one per execution, so the key is the endpoint
 * (method + route template, `ENDPOINT` in accounts.ts / entitlements.ts). A call is recorded when
 * sent and counted by SAP when it arrives: the window is CIS_WINDOW_GUARD_MS longer than SAP's.
 */
import type { RateLimitRule, WindowLimit } from '../../shared/transport/rateLimit';

export const CIS_WINDOW_GUARD_MS = 300;
/** 5 calls per 3 s per endpoint and caller, plus the guard (also read by the benchmark). */
export const CIS_ENDPOINT_LIMIT: WindowLimit = { limit: 5, windowMs: 3_000 + CIS_WINDOW_GUARD_MS };

const CIS_SERVICES = ['accounts', 'entitlements', 'events'];

export const CIS_RATE_LIMITS: RateLimitRule[] = [
	{
		match: (key: string) => CIS_SERVICES.some((s) => key === s || key.startsWith(`${s}:`)),
		window: CIS_ENDPOINT_LIMIT,
	},
];
