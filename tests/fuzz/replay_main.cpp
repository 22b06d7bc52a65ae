// Replays every file of the folders given through the fuzz target's LLVMFuzzerTestOneInput, so
// that the ordinary (gcc, and ASan) builds run the corpus and every crash input once found. A
// crash ends the process; a folder of corpus/ that holds nothing fails too, so a wrong path
// cannot pass as an empty run. regressions/<target> may be missing: no crash found yet.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [MORE_DIRS...]\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    std::size_t total = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path dir(argv[i]);
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(dir))
            for (const auto& e : std::filesystem::directory_iterator(dir))
                if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        if (i == 1 && files.empty()) {
            std::fprintf(stderr, "no inputs in %s\n", argv[i]);
            return 1;
        }
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            // A copy of exactly the input's size, so ASan sees a read past its end.
            std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
            std::uint8_t* p = data.empty() ? nullptr : data.data();
            LLVMFuzzerTestOneInput(p, data.size());
            ++total;
        }
        std::printf("%s: %zu inputs\n", argv[i], files.size());
    }
    std::printf("replayed %zu inputs without a crash\n", total);
    return 0;
}
