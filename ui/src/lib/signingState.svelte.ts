// The class or group last chosen on the Signing page, kept while the teacher
// signs someone and comes back, or visits another section.
export const signingGroup: { value: string } = $state({ value: "" });
// Whether the list shows only those still to sign (as a dashboard link opens it).
export const signingStillToSign: { value: boolean } = $state({ value: false });
