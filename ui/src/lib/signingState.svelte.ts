// The class or group last chosen on the Signing page, kept while the teacher
// signs someone and comes back, or visits another section.
export const signingGroup: { value: string } = $state({ value: "" });
