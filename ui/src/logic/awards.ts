// 获奖与推荐 and 导出: pure helpers (unit tested) — level labels, money, grouping and totals of the award list,
// pending reasons, the lock state, validation of the reason forms, recommendation states and the catalogue
// of exports with who they are for and whether they hold personal data.
import type { Amendment, Award, AwardList, AwardTotal, ExportId, Level, RecommendedEntry } from '../api/awards'
import { EMPTY, groupLabel } from './labels'

// ---- levels ----------------------------------------------------------------------------------------------

export const LEVELS: { code: Level; label: string }[] = [
  { code: 'first', label: '一等奖' },
  { code: 'second', label: '二等奖' },
  { code: 'third', label: '三等奖' },
  { code: 'excellence', label: '优胜奖' },
]

/** first → 一等奖 …; null → 待定 (a pending decision); an unknown code is shown as it is. */
export function levelLabel(level: Level | string | null | undefined): string {
  if (level === null || level === undefined || level === '') return '待定'
  return LEVELS.find((l) => l.code === level)?.label ?? String(level)
}

/** Order of a level (一等奖 0 … 优胜奖 3); unknown / null last. */
export function levelIndex(level: Level | string | null | undefined): number {
  const i = LEVELS.findIndex((l) => l.code === level)
  return i < 0 ? LEVELS.length : i
}

/** Element Plus tag type for a level. */
export function levelTagType(level: Level | null | undefined): 'danger' | 'warning' | 'success' | 'primary' | 'info' {
  switch (level) {
    case 'first':
      return 'danger'
    case 'second':
      return 'warning'
    case 'third':
      return 'success'
    case 'excellence':
      return 'primary'
    default:
      return 'info'
  }
}

/** Text of an amendment: “二等奖 → 一等奖”, “三等奖 → 取消奖项”, “（未获奖） → 优胜奖”. */
export function amendmentText(a: Pick<Amendment, 'old_level' | 'new_level'>): string {
  const from = a.old_level ? levelLabel(a.old_level) : '（未获奖）'
  const to = a.new_level ? levelLabel(a.new_level) : '取消奖项'
  return `${from} → ${to}`
}

// ---- money -----------------------------------------------------------------------------------------------

/** Whole yuan with thousands separators: 30000 → “30,000 元”; null → —. */
export function formatYuan(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return EMPTY
  const n = Math.round(v)
  const sign = n < 0 ? '-' : ''
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${digits} 元`
}

// ---- grouping and totals ---------------------------------------------------------------------------------

export interface AwardGroup {
  group: string
  label: string
  awards: Award[]
}

const GROUP_ORDER = ['enterprise', 'startup']

function groupOrder(g: string): number {
  const i = GROUP_ORDER.indexOf(g)
  return i < 0 ? GROUP_ORDER.length : i
}

/** Awards per group (企业组, 创业组, then others as they come), each in rank order (unranked last), then level. */
export function groupAwards(awards: readonly Award[]): AwardGroup[] {
  const out: AwardGroup[] = []
  for (const a of awards) {
    let g = out.find((x) => x.group === a.group)
    if (!g) {
      g = { group: a.group, label: a.group_label || groupLabel(a.group), awards: [] }
      out.push(g)
    }
    g.awards.push(a)
  }
  const firstSeen = new Map(out.map((g, i) => [g.group, i]))
  out.sort((x, y) => groupOrder(x.group) - groupOrder(y.group) || (firstSeen.get(x.group) ?? 0) - (firstSeen.get(y.group) ?? 0))
  for (const g of out) {
    g.awards.sort(
      (x, y) =>
        (x.rank ?? Number.MAX_SAFE_INTEGER) - (y.rank ?? Number.MAX_SAFE_INTEGER) ||
        levelIndex(x.level) - levelIndex(y.level) ||
        x.project_no.localeCompare(y.project_no),
    )
  }
  return out
}

export interface TotalCell {
  count: number
  cash: number
}

export interface TotalsRow {
  group: string
  label: string
  cells: Record<Level, TotalCell>
  count: number
  cash: number
}

function emptyCells(): Record<Level, TotalCell> {
  return { first: { count: 0, cash: 0 }, second: { count: 0, cash: 0 }, third: { count: 0, cash: 0 }, excellence: { count: 0, cash: 0 } }
}

/** The totals as a table: one row per group (in group order) and the overall row (合计). */
export function totalsTable(totals: readonly AwardTotal[]): { rows: TotalsRow[]; overall: TotalsRow } {
  const rows: TotalsRow[] = []
  const overall: TotalsRow = { group: 'all', label: '合计', cells: emptyCells(), count: 0, cash: 0 }
  for (const t of totals) {
    let r = rows.find((x) => x.group === t.group)
    if (!r) {
      r = { group: t.group, label: t.group_label || groupLabel(t.group), cells: emptyCells(), count: 0, cash: 0 }
      rows.push(r)
    }
    if (!(t.level in r.cells)) continue
    r.cells[t.level].count += t.count
    r.cells[t.level].cash += t.cash_yuan
    r.count += t.count
    r.cash += t.cash_yuan
    overall.cells[t.level].count += t.count
    overall.cells[t.level].cash += t.cash_yuan
    overall.count += t.count
    overall.cash += t.cash_yuan
  }
  rows.sort((x, y) => groupOrder(x.group) - groupOrder(y.group))
  return { rows, overall }
}

/** A totals cell: “2 项 · 40,000 元”, or — when there is none. */
export function totalCellText(c: TotalCell): string {
  if (c.count === 0) return EMPTY
  return `${c.count} 项 · ${formatYuan(c.cash)}`
}

// ---- pending decisions and the lock ----------------------------------------------------------------------

export type PendingKind = 'tie' | 'incomplete' | 'other'

/** What a pending reason is about: a tie across a prize line (decided in 评审 → 排名), unfinished scoring, else other. */
export function pendingKind(reason: string | null | undefined): PendingKind | null {
  if (reason === null || reason === undefined || reason.trim() === '') return null
  if (reason.includes('并列')) return 'tie'
  if (reason.includes('未完成')) return 'incomplete'
  return 'other'
}

export function hasPendingTie(list: Pick<AwardList, 'awards'> | null | undefined): boolean {
  return !!list && list.awards.some((a) => pendingKind(a.pending_reason) === 'tie')
}

export function pendingCount(list: Pick<AwardList, 'awards'> | null | undefined): number {
  return list ? list.awards.filter((a) => a.level === null && a.pending_reason).length : 0
}

/** The first characters of a content hash (the full one goes into a tooltip). */
export function shortHash(h: string | null | undefined, n = 12): string {
  if (!h) return EMPTY
  return h.length <= n ? h : `${h.slice(0, n)}…`
}

/** Why the list cannot be locked yet ('' = it can), checked before the confirm dialog opens. */
export function freezeBlocker(list: AwardList | null | undefined): string {
  if (!list) return '获奖名单还没有读取'
  if (list.frozen) return '获奖名单已经锁定'
  const pending = pendingCount(list)
  if (pending > 0) return `还有 ${pending} 个项目的奖项待决定，决定后才能锁定`
  if (!list.awards.some((a) => a.level !== null)) return '还没有可以锁定的获奖项目'
  return ''
}

/** 锁定人 must be given. */
export function lockByBlocker(by: string): string {
  return by.trim() === '' ? '请填写锁定人' : ''
}

/** The new level chosen in the amendment form: a level, 'none' (取消奖项) or '' (nothing chosen yet). */
export type LevelChoice = Level | 'none' | ''

export function choiceToLevel(c: LevelChoice): Level | null {
  return c === 'none' || c === '' ? null : c
}

/** Why an amendment cannot be sent yet ('' = it can). */
export function amendBlocker(current: Level | null, choice: LevelChoice, reason: string, by: string): string {
  if (choice === '') return '请选择更正后的奖项'
  if (choiceToLevel(choice) === current) return current === null ? '这个项目本来就没有奖项' : '更正前后的奖项相同'
  if (reason.trim() === '') return '请填写更正理由'
  if (by.trim() === '') return '请填写操作人'
  return ''
}

/** Why a decision with a reason (recommendation change, 优秀组织单位) cannot be sent yet ('' = it can). */
export function reasonBlocker(reason: string, by: string): string {
  if (reason.trim() === '') return '请填写理由'
  if (by.trim() === '') return '请填写操作人'
  return ''
}

// ---- recommendation --------------------------------------------------------------------------------------

export type RecState = 'included' | 'pending' | 'excluded'

export function recState(e: Pick<RecommendedEntry, 'included' | 'pending'>): RecState {
  if (e.included) return 'included'
  if (e.pending) return 'pending'
  return 'excluded'
}

export function recStateLabel(s: RecState): string {
  return s === 'included' ? '推荐' : s === 'pending' ? '并列待定' : '不推荐'
}

export function recStateTag(s: RecState): 'success' | 'warning' | 'info' {
  return s === 'included' ? 'success' : s === 'pending' ? 'warning' : 'info'
}

/** Included entries per group, in group order: [{ group, label, count }]. */
export function recCounts(entries: readonly RecommendedEntry[]): { group: string; label: string; count: number }[] {
  const out: { group: string; label: string; count: number }[] = []
  for (const e of entries) {
    let g = out.find((x) => x.group === e.group)
    if (!g) {
      g = { group: e.group, label: e.group_label || groupLabel(e.group), count: 0 }
      out.push(g)
    }
    if (e.included) g.count += 1
  }
  return out.sort((x, y) => groupOrder(x.group) - groupOrder(y.group))
}

// ---- exports ---------------------------------------------------------------------------------------------

export interface ExportInfo {
  id: ExportId
  title: string
  format: 'xlsx' | 'pdf'
  /** Suggested file name in the save dialog. */
  fileName: string
  /** Who it is for and what is in it. */
  description: string
  /** Whether it holds personal data, in one sentence. */
  personal: string
  /** true when it holds personal data that must not leave the secretariat / the provincial channel. */
  hasPersonal: boolean
}

export const EXPORTS: ExportInfo[] = [
  {
    id: 'eligibility',
    title: '资格审查结果',
    format: 'xlsx',
    fileName: '资格审查结果.xlsx',
    description: '供秘书处和组委会核对：每个项目的审查结论、人工决定的理由和审核人，以及逐条规则的审查明细。',
    personal: '不含证件号和手机号（说明中出现的已隐去）；含审核人姓名。',
    hasPersonal: false,
  },
  {
    id: 'problems',
    title: '导入问题清单',
    format: 'xlsx',
    fileName: '导入问题清单.xlsx',
    description: '供秘书处联系报名单位补正：最近一次报名导入发现的问题，含所在行列和处理建议。',
    personal: '不含证件号和手机号（已隐去）。',
    hasPersonal: false,
  },
  {
    id: 'scores-preliminary',
    title: '初赛评分明细',
    format: 'xlsx',
    fileName: '初赛评分明细.xlsx',
    description: '供秘书处存档和复核：每位评委对每个项目的各项评分（回避注明“回避”），也可作为评分表填写后导入。',
    personal: '含评委姓名，不含联系方式。',
    hasPersonal: false,
  },
  {
    id: 'scores-final',
    title: '决赛评分明细',
    format: 'xlsx',
    fileName: '决赛评分明细.xlsx',
    description: '供秘书处存档和复核：决赛每位评委对每个项目的各项评分（回避注明“回避”）。',
    personal: '含评委姓名，不含联系方式。',
    hasPersonal: false,
  },
  {
    id: 'ranking-preliminary',
    title: '初赛排名',
    format: 'xlsx',
    fileName: '初赛排名.xlsx',
    description: '每组一个工作表：名次、得分（两位小数和精确值）、有效评委、回避和去掉的评分、并列说明。',
    personal: '不含个人信息。',
    hasPersonal: false,
  },
  {
    id: 'ranking-final',
    title: '决赛排名',
    format: 'xlsx',
    fileName: '决赛排名.xlsx',
    description: '每组一个工作表：名次、得分（两位小数和精确值）、有效评委、回避和去掉的评分、并列说明。',
    personal: '不含个人信息。',
    hasPersonal: false,
  },
  {
    id: 'awards',
    title: '获奖名单',
    format: 'xlsx',
    fileName: '获奖名单.xlsx',
    description: '秘书处工作名单：各组奖项、名次、得分、奖金、不发奖金的原因、证书编号和待决定事项，附各奖项合计。',
    personal: '不含个人信息。',
    hasPersonal: false,
  },
  {
    id: 'publicity',
    title: '公示名单',
    format: 'xlsx',
    fileName: '公示名单.xlsx',
    description: '对外公示用：组别、奖项、项目名称和参赛主体。',
    personal: '不含个人信息，可以公开。',
    hasPersonal: false,
  },
  {
    id: 'publicity-pdf',
    title: '公示名单（PDF）',
    format: 'pdf',
    fileName: '公示名单.pdf',
    description: '对外公示用的打印版：组别、奖项、项目名称和参赛主体。',
    personal: '不含个人信息，可以公开。',
    hasPersonal: false,
  },
  {
    id: 'recommendation',
    title: '推荐参加省赛项目表',
    format: 'xlsx',
    fileName: '推荐参加省赛项目表.xlsx',
    description: '报送省工业和信息化厅：推荐项目的信用代码、领域、县区、市赛奖项和得分、负责人及推荐意见。',
    personal: '含负责人姓名和完整手机号：只报送省里，不要公开。',
    hasPersonal: true,
  },
  {
    id: 'recommendation-pdf',
    title: '推荐参加省赛项目表（PDF）',
    format: 'pdf',
    fileName: '推荐参加省赛项目表.pdf',
    description: '报送省里的盖章打印版，内容同上。',
    personal: '含负责人姓名，手机号中间四位已隐藏。',
    hasPersonal: true,
  },
  {
    id: 'units',
    title: '组织单位统计',
    format: 'xlsx',
    fileName: '组织单位统计.xlsx',
    description: '供组委会评选优秀组织单位：各推荐单位的报名、有效、决赛和获奖项目数，以及评选结果和理由。',
    personal: '不含个人信息。',
    hasPersonal: false,
  },
  {
    id: 'signoff-pdf',
    title: '评分汇总表（PDF）',
    format: 'pdf',
    fileName: '决赛评分汇总表.pdf',
    description: '决赛结束时由评委、监督人员和公证人员签字确认：每个项目各评委的总分、去掉的分数、最终得分和奖项。',
    personal: '含评委姓名，不含联系方式。',
    hasPersonal: false,
  },
  {
    id: 'certificates',
    title: '证书登记表',
    format: 'xlsx',
    fileName: '证书登记表.xlsx',
    description: '每张证书的编号、组别、奖项、获奖主体、团队成员、颁发日期、状态（有效/作废及理由）和打印次数。',
    personal: '含团队成员姓名，不含证件号和手机号。',
    hasPersonal: false,
  },
]

export function exportInfo(id: ExportId): ExportInfo {
  const e = EXPORTS.find((x) => x.id === id)
  if (!e) throw new Error(`unknown export ${id}`)
  return e
}

/** The success message after an export: “已导出公示名单：/path/公示名单.xlsx”. */
export function exportDoneText(id: ExportId, path: string): string {
  return `已导出${exportInfo(id).title}：${path}`
}
