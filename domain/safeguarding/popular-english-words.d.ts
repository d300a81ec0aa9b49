/** The package ships JavaScript only: its word list, most frequent first. */
declare module 'popular-english-words/words.js' {
  export const words: readonly string[];
}
