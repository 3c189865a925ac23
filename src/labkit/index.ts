// The lab kit: what makes a folder under labs/ a lab. Pure (no file system): the build, the
// `pim-lab` CLI and the tests hand it the folder's contents.
export * from './frontmatter';
export * from './validate';
export * from './scaffold';
