import type { Directive } from 'vue'
import { replacesPrefill } from './logic/operator'

/**
 * v-testid-input="'id'": put data-testid on the native <input> inside a component that does not pass
 * attributes through (el-date-picker, el-input-number), so an end-to-end test can type into it.
 */
export const vTestidInput: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    const input = el.querySelector('input') ?? el
    input.setAttribute('data-testid', binding.value)
  },
}

/**
 * v-replace-on-type on a prefilled name field (审核人 / 操作人): focusing selects the name, and the first text
 * typed replaces it rather than being appended (WebDriver and a click leave the caret at the end). The name is
 * selected just before the first key or composition, so the browser's own insertion replaces it; text inserted
 * without a key (WebDriver's non-ASCII) takes the name's place by hand.
 */
export const vReplaceOnType: Directive<HTMLElement> = {
  mounted(el) {
    const input = (el.querySelector('input, textarea') ?? el) as HTMLInputElement
    let armed = false
    const collapsed = () => input.selectionStart === input.selectionEnd
    input.addEventListener('focus', () => {
      armed = input.value !== ''
      if (armed) input.select()
    })
    input.addEventListener('blur', () => {
      armed = false
    })
    input.addEventListener('keydown', (e) => {
      if (armed && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && collapsed()) input.select()
    })
    input.addEventListener('compositionstart', () => {
      if (armed && collapsed()) input.select()
      armed = false
    })
    input.addEventListener('beforeinput', (e) => {
      const ev = e as InputEvent
      const replace = replacesPrefill(armed, ev.inputType ?? '', input.selectionStart, input.selectionEnd)
      armed = false
      if (replace && ev.cancelable) {
        ev.preventDefault()
        input.value = ev.data ?? ''
        input.setSelectionRange(input.value.length, input.value.length)
        input.dispatchEvent(new Event('input', { bubbles: true }))
      }
    })
  },
}
