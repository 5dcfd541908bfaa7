/* The C side of example.com/retain. */
void bridge_run(void);
