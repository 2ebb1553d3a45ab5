/**
 * `npm run sim -- check LESSON_ID SOLUTION.json`: runs a solution against a lesson's goals
 * (simulations/lessons/LESSON_ID.json) and prints each goal with pass/fail and the measured value.
 * Exit code 0 only if every goal passes (for autograding); 1 if some fail; 2 for a missing lesson,
 * an unreadable or invalid solution.
 */
import { readFileSync } from 'node:fs';
import { describeProblem, parseJsonText } from '../model/index.ts';
import { checkLesson, parseLesson } from '../lessons/check.ts';

const lessonUrl = (id: string) => new URL(`../../simulations/lessons/${id}.json`, import.meta.url);

/** Runs `check …` and returns the exit code. */
export function checkCommand(argv: readonly string[]): number {
  const [id, file] = argv;
  if (id === undefined || file === undefined || argv.length > 2) {
    console.error('usage: npm run sim -- check LESSON_ID SOLUTION.json');
    return 2;
  }
  if (!/^[A-Za-z][\w-]*$/.test(id)) {
    console.error(`no lesson is called ${id}`);
    return 2;
  }
  let lessonText: string;
  try {
    lessonText = readFileSync(lessonUrl(id), 'utf8');
  } catch {
    console.error(`no lesson is called ${id} (look in simulations/lessons/)`);
    return 2;
  }
  const lesson = parseLesson(JSON.parse(lessonText));
  let solution: unknown;
  try {
    // A byte-order mark before the JSON is skipped, as everywhere a scenario is read.
    const parsed = parseJsonText(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    solution = parsed.value;
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  const result = checkLesson(lesson, solution);
  if (!result.ok) {
    console.error(`${file} is not a valid scenario (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    for (const p of result.problems) console.error(`  ${describeProblem(p)}`);
    return 2;
  }
  console.log(`Lesson ${lesson.order}: ${lesson.title}`);
  for (const g of result.goals) console.log(`  ${g.pass ? 'PASS' : 'FAIL'}  ${g.description}: ${g.why}`);
  console.log(
    result.passed
      ? `\nAll ${result.goals.length} goals met.\n\n${result.debrief}`
      : `\n${result.goals.filter((g) => !g.pass).length} of ${result.goals.length} goals not met.`,
  );
  return result.passed ? 0 : 1;
}
