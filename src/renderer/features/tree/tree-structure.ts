// The tree's old pool → host → VM structure is now built per view (infrastructure-view.ts and friends); this
// module stays for the details tabs that import the user-VM rule from here.
export { isUserVm } from './object-kinds.js';
