/** The figures a document states — rates, amounts, sums, indicator counts — against the data and each other. */
import { type Rat, div, eq, isZero, sum, toPlain } from '../../decimal/index.ts';
import type { Evaluation, IndicatorNode, RatioClaim } from '../../model.ts';
import { computeRatio, fieldName, isHeadcountRatio, isRatioCode } from '../../ratios.ts';
import { type AuditContext, cite, money, percent, plain, rateAgreement, report } from '../context.ts';

function figure(ev: Evaluation, claim: RatioClaim, r: Rat): string {
  return isHeadcountRatio(claim.ratio) ? toPlain(r, 2) : money(ev, r);
}

function shown(exact: Rat, places: number): string {
  return percent(exact, Math.max(places, 2));
}

function checkRatio(ctx: AuditContext, claim: RatioClaim): void {
  const { ev } = ctx;
  const name =
    claim.label ?? (isRatioCode(claim.ratio) ? computeRatio(ev, claim.ratio, claim.scope).name : claim.ratio);
  const extra = { stated: claim.value.text, quote: claim.quote, where: claim.where };
  let exact: Rat;
  let formula: string;
  if (claim.numerator !== undefined && claim.denominator !== undefined) {
    if (isZero(claim.denominator)) {
      report(
        ctx,
        'error',
        'rate-mismatch',
        claim.path,
        `${cite(claim)}：${name}的分母为 0，比率不适用，不应表述为 ${claim.value.text}`,
        extra,
      );
      return;
    }
    exact = div(claim.numerator, claim.denominator);
    formula = `${figure(ev, claim, claim.numerator)} ÷ ${figure(ev, claim, claim.denominator)}`;
  } else if (isRatioCode(claim.ratio)) {
    const r = computeRatio(ev, claim.ratio, claim.scope);
    if (r.value === null) {
      report(
        ctx,
        'warning',
        'rate-mismatch',
        claim.path,
        `${cite(claim)}：${name}无法按所列数据计算（${r.explanation}）`,
        extra,
      );
      return;
    }
    exact = r.value;
    formula = r.explanation.replace(/ = [^=]*$/, '');
  } else {
    report(
      ctx,
      'warning',
      'rate-mismatch',
      claim.path,
      `${cite(claim)}：未知比率“${claim.ratio}”，且未给出分子分母`,
      extra,
    );
    return;
  }
  const agreement = rateAgreement(claim.value.value, claim.value.places, exact);
  const computed = shown(exact, claim.value.places);
  if (agreement === false) {
    report(ctx, 'error', 'rate-mismatch', claim.path, `${cite(claim)} — ${formula} = ${computed}`, {
      ...extra,
      computed,
    });
  } else if (agreement === 'truncated') {
    report(
      ctx,
      'warning',
      'rate-mismatch',
      claim.path,
      `${cite(claim)} — ${formula} = ${percent(exact, claim.value.places + 2)}，四舍五入应为 ${percent(exact, claim.value.places)}（原文为截尾）`,
      {
        ...extra,
        computed,
      },
    );
  }
  // The document's own figures agree, but the standard definition on the data gives another rate.
  if (claim.numerator !== undefined && isRatioCode(claim.ratio)) {
    const std = computeRatio(ev, claim.ratio, claim.scope);
    if (std.value !== null && rateAgreement(claim.value.value, claim.value.places, std.value) === false) {
      report(
        ctx,
        'warning',
        'rate-mismatch',
        claim.path,
        `${cite(claim)}：文中所用数据与${std.name}的定义不同；按定义，${std.explanation}`,
        {
          ...extra,
          computed: shown(std.value, claim.value.places),
        },
      );
    }
  }
}

/** budget.basic.executed, budget.sources[0].annual, staffing.actual.total … */
export function valueAt(ev: Evaluation, field: string): Rat | undefined {
  let cur: unknown = ev;
  for (const token of field.split('.')) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(token);
    if (!m || typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[m[1] ?? ''];
    if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return typeof cur === 'object' && cur !== null && 'n' in cur && 'd' in cur ? (cur as Rat) : undefined;
}

function checkAmounts(ctx: AuditContext): void {
  const { ev } = ctx;
  const firstByField = new Map<string, (typeof ev.claims.amounts)[number]>();
  for (const a of ev.claims.amounts) {
    const isHeadcount = a.field.startsWith('staffing.');
    const fmt = (r: Rat): string => (isHeadcount ? plain(r) : money(ev, r));
    const data = valueAt(ev, a.field);
    const first = firstByField.get(a.field);
    if (!first) firstByField.set(a.field, a);
    const reference = data ?? first?.value;
    if (reference === undefined || eq(reference, a.value)) continue;
    const against =
      data !== undefined
        ? `数据中${fieldName(ev, a.field)}为 ${fmt(data)}`
        : `${cite(first ?? a)}为 ${fmt(reference)}`;
    report(ctx, 'error', 'figure-conflict', a.path, `${cite(a)}：所述 ${fmt(a.value)}，而${against}`, {
      stated: fmt(a.value),
      computed: fmt(reference),
      quote: a.quote,
      where: a.where,
    });
  }
}

function checkSums(ctx: AuditContext): void {
  const { ev } = ctx;
  for (const s of ev.claims.sums) {
    const total = sum(s.parts.map((p) => p.value));
    if (eq(total, s.total)) continue;
    report(
      ctx,
      'error',
      'sum-mismatch',
      s.path,
      `${cite(s)}：${s.parts.map((p) => `${p.label} ${money(ev, p.value)}`).join(' + ')} = ${money(ev, total)}，与所述合计 ${money(ev, s.total)} 不符`,
      { stated: money(ev, s.total), computed: money(ev, total), quote: s.quote, where: s.where },
    );
  }
}

function countAtLevel(nodes: readonly IndicatorNode[], level: number): number {
  let c = 0;
  for (const n of nodes) c += (n.level === level ? 1 : 0) + countAtLevel(n.children, level);
  return c;
}

function findNode(nodes: readonly IndicatorNode[], code: string): IndicatorNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const f = findNode(n.children, code);
    if (f) return f;
  }
  return undefined;
}

function checkCounts(ctx: AuditContext): void {
  const { ev } = ctx;
  for (const k of ev.claims.counts) {
    const scope = k.under === undefined ? ev.indicators : findNode(ev.indicators, k.under)?.children;
    if (scope === undefined) {
      report(ctx, 'warning', 'count-mismatch', k.path, `${cite(k)}：所指分组“${k.under ?? ''}”不存在`, {
        quote: k.quote,
        where: k.where,
      });
      continue;
    }
    const actual = countAtLevel(scope, k.level);
    if (actual === k.value) continue;
    const under = k.under === undefined ? '' : `“${findNode(ev.indicators, k.under)?.name ?? k.under}”下`;
    report(
      ctx,
      'error',
      'count-mismatch',
      k.path,
      `${cite(k)}：${under}${k.level}级指标实有 ${actual} 个，所述为 ${k.value} 个`,
      {
        stated: String(k.value),
        computed: String(actual),
        quote: k.quote,
        where: k.where,
      },
    );
  }
}

export function checkClaims(ctx: AuditContext): void {
  for (const r of ctx.ev.claims.ratios) checkRatio(ctx, r);
  checkAmounts(ctx);
  checkSums(ctx);
  checkCounts(ctx);
}
