#!/usr/bin/env node
// Checks every relative link of README.md and docs/**/*.md: the file or folder it names exists,
// and an #anchor names a heading (GitHub's slugs) or an explicit anchor of the Markdown file it
// points to. External links (http:, https:, mailto:) are not fetched. Exits 1 listing what is broken.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function markdownFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** The lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text) {
  const lines = [];
  let fence;
  text.split('\n').forEach((line, i) => {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (
        opening &&
        opening[1][0] === fence[0] &&
        opening[1].length >= fence.length &&
        !/\S/.test(line.slice(opening[0].length))
      ) {
        fence = undefined;
      }
    } else if (opening) {
      fence = opening[1];
    } else {
      lines.push({ line, number: i + 1 });
    }
  });
  return lines;
}

/** Inline code spans replaced by blanks of the same length, so that links inside them are not seen. */
function withoutCode(line) {
  return line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

/** The text GitHub renders for a heading's Markdown. */
function headingText(markdown) {
  return markdown
    .replace(/\s+#+\s*$/, '') // closing hashes
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, code) => code.replace(/[*_]/g, (c) => `\u0000${c}`))
    .replace(/(^|[^\p{L}\p{N}\u0000])[*_]+|[*_]+(?=$|[^\p{L}\p{N}])/gu, '$1') // emphasis markers
    .replace(/\u0000/g, '')
    .trim();
}

/**
 * GitHub's heading slug (github-slugger): lower case; every character but letters, marks, decimal
 * digits, connector punctuation, spaces and hyphens dropped; spaces become hyphens. CJK characters
 * are letters and stay; full-width punctuation goes.
 */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200c\u200d -]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map();

/** Every anchor a Markdown file offers: heading slugs (repeats get -1, -2, …) and explicit ids. */
function anchorsOf(file) {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set();
  const seen = new Map();
  for (const { line } of proseLines(readFileSync(file, 'utf8'))) {
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const base = slug(headingText(heading[1]));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)=["']([^"']+)["']/g)) anchors.add(m[1]);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Link targets of one line: inline links and images, and reference definitions. */
function targetsOf(line) {
  const targets = [];
  const prose = withoutCode(line);
  const definition = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(prose);
  if (definition) targets.push(definition[1]);
  for (const m of prose.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+["'(][^)]*)?\)/g)) {
    targets.push(m[1].replace(/^<|>$/g, ''));
  }
  for (const m of prose.matchAll(/<a\s+(?:[^>]*\s)?href=["']([^"']+)["']/g)) targets.push(m[1]);
  return targets;
}

function check(file) {
  const problems = [];
  for (const { line, number } of proseLines(readFileSync(file, 'utf8'))) {
    for (const target of targetsOf(line)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:, …
      const hash = target.indexOf('#');
      const pathPart = decodeURI(hash === -1 ? target : target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const where = `${relative(root, file)}:${number}`;
      if (pathPart.startsWith('/')) {
        problems.push(`${where}: ${target}: an absolute path; link relative to the file`);
        continue;
      }
      const resolved = pathPart === '' ? file : resolve(dirname(file), pathPart);
      if (!existsSync(resolved)) {
        problems.push(`${where}: ${target}: no such file or folder`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (resolved.endsWith('.md') && statSync(resolved).isFile()) {
        if (!anchorsOf(resolved).has(anchor)) {
          problems.push(
            `${where}: ${target}: no heading or anchor #${anchor} in ${relative(root, resolved)}`,
          );
        }
      } else if (!/^L\d+(-L\d+)?$/.test(anchor)) {
        problems.push(`${where}: ${target}: #${anchor} in a file that is not Markdown`);
      }
    }
  }
  return problems;
}

function main() {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
  const problems = files.flatMap(check);
  if (problems.length > 0) {
    console.error(`broken links (${problems.length}):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`links: ${files.length} files checked, every relative link and anchor resolves`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
