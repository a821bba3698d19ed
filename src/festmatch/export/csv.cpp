#include "festmatch/export/csv-inl.hpp"
