// 审核人 / 操作人 / 录入人 names remembered per contest file: one laptop may serve two contests (or two years)
// with different people, so a name typed for one file must not appear in another. Pure apart from the storage,
// which tests pass in.

export interface NameStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** The open contest file (set by state/contest.ts); null: none open, nothing is remembered. */
let contest: string | null = null

export function setOperatorContest(path: string | null | undefined): void {
  contest = path && path.trim() !== '' ? path : null
}

export function operatorKey(role: string, file: string): string {
  return `saiwu.operator.${encodeURIComponent(file)}.${role}`
}

function defaultStore(): NameStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** The name last used for `role` in the open contest file ('' when none). */
export function rememberedOperator(role: string, store: NameStore | null = defaultStore(), file: string | null = contest): string {
  if (!store || !file) return ''
  try {
    return store.getItem(operatorKey(role, file)) ?? ''
  } catch {
    return ''
  }
}

export function rememberOperator(role: string, value: string, store: NameStore | null = defaultStore(), file: string | null = contest): void {
  if (!store || !file) return
  try {
    store.setItem(operatorKey(role, file), value.trim())
  } catch {
    /* private mode: nothing to remember */
  }
}

/**
 * Whether the first text typed into a prefilled name field replaces it: yes when the field had a value on focus
 * and the typing inserts at a caret (nothing selected) — as WebDriver and a click into the field leave it.
 */
export function replacesPrefill(armed: boolean, inputType: string, selectionStart: number | null, selectionEnd: number | null): boolean {
  return armed && inputType.startsWith('insert') && selectionStart === selectionEnd
}
