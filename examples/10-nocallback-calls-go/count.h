int count_items(int n);
