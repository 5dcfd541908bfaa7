void log_event(char *p, int n) {
	char *copy = n; /* int to pointer */
	(void)copy;
	(void)p;
}
