// The pages of the app. `nav: true` puts a page in the navigation bar, in this order.

import AboutPage from './pages/AboutPage.jsx';
import DownloadPage from './pages/DownloadPage.jsx';
import HistoryPage from './pages/HistoryPage.jsx';

export const routes = [
  { path: '/', label: 'Download', element: DownloadPage, nav: true },
  { path: '/history', label: 'History', element: HistoryPage, nav: true },
  { path: '/about', label: 'About', element: AboutPage, nav: true },
];
