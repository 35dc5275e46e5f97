// Mounts a component without a DOM (the tests run in Node): a renderer whose "nodes" are plain objects, enough to
// run setup, onMounted and unmount for the composables' lifecycle tests.
import { createRenderer, defineComponent, h, type App } from 'vue'

interface Node {
  children: Node[]
  parent: Node | null
  text: string
}

const node = (text = ''): Node => ({ children: [], parent: null, text })

const { createApp } = createRenderer<Node, Node>({
  createElement: () => node(),
  createText: (t) => node(t),
  createComment: (t) => node(t),
  setText: (n, t) => void (n.text = t),
  setElementText: (n, t) => void (n.text = t),
  patchProp: () => {},
  insert: (child, parent, anchor) => {
    child.parent = parent
    const i = anchor ? parent.children.indexOf(anchor) : -1
    if (i >= 0) parent.children.splice(i, 0, child)
    else parent.children.push(child)
  },
  remove: (child) => {
    const p = child.parent
    if (p) p.children.splice(p.children.indexOf(child), 1)
    child.parent = null
  },
  parentNode: (n) => n.parent,
  nextSibling: (n) => {
    const p = n.parent
    return p ? p.children[p.children.indexOf(n) + 1] ?? null : null
  },
})

/** Runs `setup` inside a mounted component; returns its result and the unmount function. */
export function mountSetup<T>(setup: () => T): { result: T; unmount: () => void } {
  let result!: T
  const Comp = defineComponent({
    setup() {
      result = setup()
      return () => h('div')
    },
  })
  const app: App<Node> = createApp(Comp)
  app.mount(node())
  return { result, unmount: () => app.unmount() }
}
