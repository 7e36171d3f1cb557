/**
 * A V8 call frame as CPU and heap profiles record it: with a URL it is JavaScript from a file,
 * without one a native function (script 0) or a pseudo-frame such as (idle).
 */
export const frame = (functionName: string, url = '', scriptId = url ? '7' : '0', lineNumber = url ? 9 : -1) => ({
  functionName,
  url,
  scriptId,
  lineNumber,
  columnNumber: 0,
});
