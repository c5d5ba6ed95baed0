// The desktop layout (side navigation, keyboard) exists only in the h5 build, which resolves
// './desktop' to desktop.h5.ts; the mini-programs have their own tab bar and no windows to widen.
export function startDesktop(): void {}
