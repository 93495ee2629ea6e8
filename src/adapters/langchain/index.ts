/**
 * `ledgerbridge/langchain`: the toolkit as LangChain.js structured tools (`@langchain/core` 1.x).
 */
export { toLangChainTools } from './to-langchain-tools.js';
