int fetch_name(int id, char **out);
