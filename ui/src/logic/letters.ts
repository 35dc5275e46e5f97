// 通知书 page logic: the kinds, the placeholders a letter may use, and the list as the window shows it (phones
// masked unless revealed — the xlsx phoning list carries them in full).
import type { Letter, LetterKind } from '../api/letters'
import { displayPhone } from './masking'

export const LETTER_KINDS: { value: LetterKind; label: string; hint: string }[] = [
  { value: 'advance', label: '入围通知', hint: '通知晋级项目进入下一轮（写明轮次）' },
  { value: 'finalist', label: '决赛通知', hint: '决赛时间、地点、路演出场顺序和时段' },
  { value: 'award', label: '获奖通知', hint: '获奖等级和奖金（获奖名单锁定后）' },
]

/** Mirrors crates/core/src/season/letters.rs PLACEHOLDERS. */
export const LETTER_PLACEHOLDERS = [
  '收件人', '负责人', '项目', '项目名称', '项目编号', '称谓', '组别', '赛事名称', '主办单位', '上一轮', '轮次',
  '出场顺序', '路演时段', '比赛日期', '地点', '奖项', '奖金', '携带材料', '联系人', '通知编号', '发文日期',
] as const

export const LETTER_PLACEHOLDER_HINT = '可用占位符：' + LETTER_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')

/** Placeholders in `text` the core would refuse, each once. */
export function unknownLetterPlaceholders(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(m[1]) && !out.includes(m[1])) out.push(m[1])
  }
  return out
}

export interface LetterRow {
  key: string
  number: string
  project_no: string
  project_name: string
  entrant_name: string
  leader: string
  phone: string
  detail: string
}

/** One table row per letter: the detail column says what this kind prints (order and slot, round, prize). */
export function letterRows(letters: Letter[], revealed: boolean): LetterRow[] {
  return letters.map((l) => ({
    key: `${l.entry_key}|${l.round ?? ''}`,
    number: l.number ?? '（生成时编号）',
    project_no: l.project_no,
    project_name: l.project_name,
    entrant_name: l.entrant_name,
    leader: l.leader ?? '',
    phone: displayPhone(l.phone, revealed),
    detail:
      l.kind === 'finalist'
        ? `${l.group_label}第 ${l.order ?? '?'} 位 ${l.slot ?? ''}`
        : l.kind === 'award'
          ? `${l.group_label}${l.prize ?? ''}${l.cash_yuan ? `（${l.cash_yuan} 元）` : ''}`
          : `${l.group_label}入围${l.round_label}`,
  }))
}
