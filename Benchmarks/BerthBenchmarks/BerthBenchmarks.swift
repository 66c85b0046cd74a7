@main struct BerthBenchmarks { static func main() {} }
