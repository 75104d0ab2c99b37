// The light build (no clustering) that @octokit/plugin-throttling itself uses; same API as the main entry.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
