import type { Directive } from 'vue'

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
