// The texts of the no-contest page: first run (welcome) or a start-up file that could not be opened.
import type { StartupProblem } from '../api/types'

export interface NoContestText {
  title: string
  /** The file that could not be opened, or '' on a first run. */
  file: string
  /** The core's message saying why, or the welcome text. */
  reason: string
  next: string
}

export function noContestText(problem: StartupProblem | null): NoContestText {
  const next = '请点击“打开赛事文件”选择已有的赛事文件，或点击“新建赛事文件”开始一届新的赛事。在打开赛事文件之前，各页面不能使用。'
  if (!problem) {
    return { title: '欢迎使用创客大赛秘书处', file: '', reason: '还没有打开赛事文件。', next }
  }
  return {
    title: '无法打开赛事文件',
    file: problem.path,
    reason: problem.message,
    next: `${next}原文件不会被改动。`,
  }
}
