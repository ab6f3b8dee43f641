/** The whole schema, one import for drizzle and drizzle-kit. */
export * from "./enums";
export * from "./identity";
export * from "./patients";
export * from "./cases";
export * from "./photos";
export * from "./platform";
export * from "./smart";
export * from "./dicom";
export * from "./fhir";
export * from "./measurements";
export * from "./lesions";
export * from "./uploads";
