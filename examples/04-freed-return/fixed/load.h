char *load_record(int id);
