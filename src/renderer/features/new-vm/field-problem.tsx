/** What is wrong with one field, beside it (the field names it with aria-describedby and is marked aria-invalid). */
export function FieldProblemText({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <span id={id} className="field-problem">
      {problem}
    </span>
  );
}

/** The attributes that tie a field to its problem, or none when it is valid. */
export function invalidProps(problemId: string, problem: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problem ? { 'aria-invalid': true, 'aria-describedby': problemId } : {};
}
