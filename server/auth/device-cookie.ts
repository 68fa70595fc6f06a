/** The cookie that tells a browser that signed in to an account before (no I/O: the /login route reads it). */
export const DEVICE_COOKIE = 'tanggap_device'
