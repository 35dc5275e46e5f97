// The rows of the entry detail drawer: every Entry field with a Chinese label and display text. Pure.
import type { Entry } from '../api/types'
import { boolLabel, displayText, formatDate, formatDateTime, formatWan, groupLabel, kindLabel, EMPTY } from './labels'
import { displayIdNumber, displayPhone } from './masking'

export interface FieldRow {
  key: string
  label: string
  value: string
}

type Kind = 'text' | 'bool' | 'date' | 'datetime' | 'wan' | 'people' | 'group' | 'kind'

const FIELDS: { key: keyof Entry; label: string; kind: Kind }[] = [
  { key: 'project_no', label: '项目编号', kind: 'text' },
  { key: 'group', label: '组别', kind: 'group' },
  { key: 'kind', label: '类型', kind: 'kind' },
  { key: 'project_name', label: '项目名称', kind: 'text' },
  { key: 'field', label: '领域', kind: 'text' },
  { key: 'entrant_name', label: '参赛主体', kind: 'text' },
  { key: 'credit_code', label: '统一社会信用代码', kind: 'text' },
  { key: 'founded_on', label: '成立日期', kind: 'date' },
  { key: 'address', label: '注册地址', kind: 'text' },
  { key: 'county', label: '县区', kind: 'text' },
  { key: 'industry', label: '所属行业', kind: 'text' },
  { key: 'employees', label: '从业人员', kind: 'people' },
  { key: 'revenue_wan', label: '营业收入', kind: 'wan' },
  { key: 'assets_wan', label: '资产总额', kind: 'wan' },
  { key: 'on_market', label: '产品（服务）已上市', kind: 'bool' },
  { key: 'ip_summary', label: '知识产权情况', kind: 'text' },
  { key: 'ip_holder', label: '知识产权权利人', kind: 'text' },
  { key: 'ip_dispute', label: '知识产权存在纠纷', kind: 'bool' },
  { key: 'dishonesty_declared', label: '自报有失信记录', kind: 'bool' },
  { key: 'unit', label: '推荐单位', kind: 'text' },
  { key: 'registered_at', label: '报名时间', kind: 'datetime' },
  { key: 'site_status', label: '网站审核状态', kind: 'text' },
]

function render(v: unknown, kind: Kind): string {
  switch (kind) {
    case 'bool':
      return typeof v === 'boolean' || v === null || v === undefined ? boolLabel(v as boolean | null) : displayText(v)
    case 'date':
      return formatDate(v as string | null)
    case 'datetime':
      return formatDateTime(v as string | null)
    case 'wan':
      return formatWan(v as number | null)
    case 'people':
      return typeof v === 'number' && Number.isFinite(v) ? `${v} 人` : EMPTY
    case 'group':
      return v === null || v === undefined ? '未分组' : groupLabel(v as string)
    case 'kind':
      return kindLabel(v as string)
    default:
      return displayText(v)
  }
}

export function entryFieldRows(entry: Entry, revealed: boolean): FieldRow[] {
  const rows: FieldRow[] = FIELDS.map((f) => ({ key: f.key, label: f.label, value: render(entry[f.key], f.kind) }))
  const leader = entry.leader
  const at = rows.findIndex((r) => r.key === 'unit')
  rows.splice(
    at,
    0,
    { key: 'leader.name', label: '负责人', value: displayText(leader?.name) },
    { key: 'leader.id_number', label: '负责人身份证号', value: displayIdNumber(leader?.id_number, revealed) },
    { key: 'leader.phone', label: '负责人手机', value: displayPhone(leader?.phone, revealed) },
  )
  rows.push({ key: 'member_count', label: '成员人数', value: `${entry.members?.length ?? 0} 人` })
  return rows
}

/** Unmapped columns kept with the entry (header → value), in a stable order. */
export function extraRows(entry: Entry): { header: string; value: string }[] {
  const extra = entry.extra ?? {}
  return Object.keys(extra).map((k) => ({ header: k, value: displayText(extra[k]) }))
}
