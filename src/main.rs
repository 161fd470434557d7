fn main() {
    oss_console::start();
}
